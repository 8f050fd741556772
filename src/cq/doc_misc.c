/* doc_misc.c: the docstrings of the rest of the module: built-ins, exceptions, Assembly, Color, exporters, importers, cqgi, utils (see docs.h for the table's form). */
#include "docs.h"

const cq_doc cq_doc_misc[] = {
    {"show_object", "(obj, /, name=None, options=None, **kw)",
     "Record an object as a result of the program (CQ-editor's built-in, also a Python builtin).\n"
     "\n"
     "The zerocad runner exports the shapes shown; a program that never calls it has its `result`\n"
     "variable taken instead.\n"
     "\n"
     "Args:\n"
     "    obj (Workplane | Shape | Assembly): what to show.\n"
     "    name (str, default None): a label (ignored).\n"
     "    options (dict, default None): display options (ignored).\n"
     "    kw: other display keywords (ignored).\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"debug", "(*args, **kwargs)",
     "CQ-editor's debug display: accepted and ignored by zerocad.\n"
     "\n"
     "Args:\n"
     "    args: ignored.\n"
     "    kwargs: ignored.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"log", "(*objs)",
     "Write objects to standard error as one line (CQ-editor's log window).\n"
     "\n"
     "Args:\n"
     "    objs (object): the values, written with str() and separated by spaces.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"OCCTError", "(*args)",
     "The base class of the OpenCascade exceptions raised by zerocad (Standard_Failure and the\n"
     "classes derived from it, such as StdFail_NotDone and Standard_ConstructionError).\n"
     "\n"
     "Args:\n"
     "    args: the message (a str)."},
    {"Assembly", "(obj=None, loc=None, name=None, color=None, metadata=None)",
     "A tree of parts (Workplanes or Shapes), each placed relative to its parent.\n"
     "\n"
     "Args:\n"
     "    obj (Workplane | Shape, default None): the root part, or None for an empty node.\n"
     "    loc (Location, default None): its placement; None is the identity.\n"
     "    name (str, default None): its name; None gives a generated unique name.\n"
     "    color (Color, default None): its colour (kept, not used by zerocad).\n"
     "    metadata (dict, default None): free data attached to the node."},
    {"Assembly.add", "($self, /, obj, loc=None, name=None, color=None, metadata=None)",
     "Add a part or a sub-assembly under this node.\n"
     "\n"
     "Args:\n"
     "    obj (Workplane | Shape | Assembly): the part, or an Assembly to nest.\n"
     "    loc (Location, default None): its placement relative to this node.\n"
     "    name (str, default None): its name (a nested Assembly keeps its own when None).\n"
     "    color (Color, default None): its colour (kept, not used by zerocad).\n"
     "    metadata (dict, default None): free data.\n"
     "\n"
     "Returns:\n"
     "    Assembly: this assembly (self), for chaining."},
    {"Assembly.toCompound", "($self, /)",
     "All the parts of the tree, each moved to its absolute location, in one compound.\n"
     "\n"
     "Returns:\n"
     "    Compound: the located parts."},
    {"Assembly.save", "($self, path, exportType=None)",
     "Write the assembly's parts (as one compound) to a STEP or STL file.\n"
     "\n"
     "Args:\n"
     "    path (str): the output path.\n"
     "    exportType (str, default None): 'STEP' or 'STL'; None takes it from the extension.\n"
     "\n"
     "Returns:\n"
     "    Assembly: this assembly (self).\n"
     "\n"
     "Raises:\n"
     "    ValueError: the type is neither STEP nor STL."},
    {"Assembly.export", "($self, path, exportType=None)",
     "Write the assembly's parts to a STEP or STL file (the same as save).\n"
     "\n"
     "Args:\n"
     "    path (str): the output path.\n"
     "    exportType (str, default None): 'STEP' or 'STL'; None takes it from the extension.\n"
     "\n"
     "Returns:\n"
     "    Assembly: this assembly (self).\n"
     "\n"
     "Raises:\n"
     "    ValueError: the type is neither STEP nor STL."},
    {"Assembly.obj", NULL,
     "The part of this node (a Workplane, a Shape or None); read only."},
    {"Assembly.loc", NULL,
     "The Location of this node relative to its parent."},
    {"Assembly.name", NULL,
     "The name of this node (str)."},
    {"Assembly.color", NULL,
     "The Color of this node, or None (kept, not used by zerocad)."},
    {"Assembly.children", NULL,
     "The list of sub-assemblies of this node; read only."},
    {"Assembly.parent", NULL,
     "The parent Assembly, or None at the root; read only."},
    {"Assembly.shapes", NULL,
     "The Shapes of this node's part (a list)."},
    {"Color", "(*args)",
     "An RGBA colour, kept for compatibility (zerocad ignores colours).\n"
     "\n"
     "Forms: Color() (yellow), Color(name) with an OpenCascade colour name ('red', 'blue', ...),\n"
     "Color(r, g, b) or Color(r, g, b, a) with components in 0..1.\n"
     "\n"
     "Args:\n"
     "    args: the name or the components, positional.\n"
     "\n"
     "Raises:\n"
     "    TypeError: a single argument that is not a str.\n"
     "    ValueError: an unknown colour name."},
    {"Color.toTuple", "($self, /)",
     "The colour's components.\n"
     "\n"
     "Returns:\n"
     "    tuple: (r, g, b, a), each in 0..1."},
    {"exporters.ExportTypes", "()",
     "The export type names accepted by exporters.export (class attributes holding strings): STL,\n"
     "STEP, AMF, SVG, TJS, DXF, VRML, VTP, THREEMF ('3MF')."},
    {"exporters.export", "(w, fname, exportType=None, tolerance=0.1, angularTolerance=0.1, opt=None)",
     "Write a Workplane or Shape to a file.\n"
     "\n"
     "Args:\n"
     "    w (Workplane | Shape): what to export (a Workplane's shapes become one compound).\n"
     "    fname (str): the output path.\n"
     "    exportType (str, default None): 'STEP', 'STL' or 'SVG' (see ExportTypes); None takes it\n"
     "        from the file extension.\n"
     "    tolerance (float, default 0.1): linear deflection of the STL mesh.\n"
     "    angularTolerance (float, default 0.1): angular deflection of the STL mesh (radians).\n"
     "    opt (dict, default None): SVG options (width, height, projectionDir, showHidden, ...).\n"
     "\n"
     "Returns:\n"
     "    None.\n"
     "\n"
     "Raises:\n"
     "    ValueError: an unknown extension or type, or a type zerocad cannot write."},
    {"exporters.toCompound", "(w, /)",
     "The shapes of a Workplane as one compound.\n"
     "\n"
     "Args:\n"
     "    w (Workplane | Shape): the Workplane (or a Shape, returned as is).\n"
     "\n"
     "Returns:\n"
     "    Shape: the compound of the shapes on its stack."},
    {"importers.ImportTypes", "()",
     "The import type names accepted by importers.importShape (class attributes holding strings):\n"
     "STEP, STL, BREP."},
    {"importers.importShape", "(importType, fileName, *args, **kwargs)",
     "Load a file of a given type into a Workplane.\n"
     "\n"
     "Args:\n"
     "    importType (str): 'STEP', 'STL' or 'BREP'.\n"
     "    fileName (str): the path.\n"
     "    args: passed on to importStep / importStl / importBrep.\n"
     "    kwargs: passed on (unit= for STEP).\n"
     "\n"
     "Returns:\n"
     "    Workplane: a Workplane holding the imported shapes.\n"
     "\n"
     "Raises:\n"
     "    RuntimeError: an unsupported import type."},
    {"importers.importStep", "(fileName, unit='MM')",
     "Load a STEP file into a Workplane, one stack item per top-level shape.\n"
     "\n"
     "Args:\n"
     "    fileName (str): the path.\n"
     "    unit (str, default 'MM'): the unit to convert to: 'MM', 'CM', 'M', 'IN', 'FT' or 'UM'.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a Workplane holding the shapes.\n"
     "\n"
     "Raises:\n"
     "    ValueError: the file cannot be read."},
    {"importers.importStl", "(fileName)",
     "Load an STL mesh into a Workplane (as a shape of triangular faces).\n"
     "\n"
     "Args:\n"
     "    fileName (str): the path.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a Workplane holding the shape."},
    {"importers.importBrep", "(fileName)",
     "Load a BREP file (OpenCascade's native format) into a Workplane.\n"
     "\n"
     "Args:\n"
     "    fileName (str): the path.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a Workplane holding the shape."},
    {"occ_impl.exporters.svg.getSVG", "(shape, opts=None)",
     "Draw a shape as SVG: an orthographic view with hidden lines dashed.\n"
     "\n"
     "Args:\n"
     "    shape (Shape): the shape.\n"
     "    opts (dict, default None): width (800), height (240), marginLeft (200), marginTop (20),\n"
     "        projectionDir ((-1.75, 1.1, 5)), showAxes (True), strokeWidth, strokeColor,\n"
     "        hiddenColor, showHidden (True).\n"
     "\n"
     "Returns:\n"
     "    str: the SVG document.\n"
     "\n"
     "Raises:\n"
     "    ValueError: width and height both None."},
    {"occ_impl.exporters.svg.exportSVG", "(shape, fileName, opts=None)",
     "Write the SVG drawing of a shape (or of a Workplane's first shape) to a file.\n"
     "\n"
     "Args:\n"
     "    shape (Shape | Workplane): what to draw.\n"
     "    fileName (str): the output path.\n"
     "    opts (dict, default None): drawing options, as for getSVG.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"utils.instance_of", "(obj, /, *types)",
     "Whether an object is an instance of any of several types.\n"
     "\n"
     "Args:\n"
     "    obj (object): the object.\n"
     "    types (type): the types.\n"
     "\n"
     "Returns:\n"
     "    bool: isinstance(obj, types)."},
    {"utils.multidispatch", "(f, /)",
     "A function that picks one of several definitions by the types of its arguments (a decorator).\n"
     "\n"
     "Decorate the first definition with @multidispatch, then add others with @name.register; in\n"
     "a class body, decorating another function of the same name adds to the existing dispatcher.\n"
     "\n"
     "Args:\n"
     "    f (callable): the first definition (with type annotations)."},
    {"utils.multidispatch.register", "($self, f, /)",
     "Add a definition to the dispatcher.\n"
     "\n"
     "Args:\n"
     "    f (callable): a function whose annotated parameter types select it.\n"
     "\n"
     "Returns:\n"
     "    multidispatch: this dispatcher (self)."},
    {"cqgi.parse", "(script_source, /)",
     "Parse a CadQuery script for the gateway interface.\n"
     "\n"
     "Args:\n"
     "    script_source (str): the program text.\n"
     "\n"
     "Returns:\n"
     "    CQModel: the parsed model (its metadata lists the parameters).\n"
     "\n"
     "Raises:\n"
     "    SyntaxError: the script does not parse."},
    {"cqgi.CQModel", "(script_source, /)",
     "A CadQuery script parsed for execution: its text, tree and parameters.\n"
     "\n"
     "Top-level assignments of constants (numbers, strings, booleans, tuples of them) become\n"
     "parameters that build() can override.\n"
     "\n"
     "Args:\n"
     "    script_source (str): the program text.\n"
     "\n"
     "Raises:\n"
     "    SyntaxError: the script does not parse."},
    {"cqgi.CQModel.validate", "($self, params, /)",
     "Check parameter values before a build (accepts everything, as CadQuery).\n"
     "\n"
     "Args:\n"
     "    params (dict): parameter name to value.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"cqgi.CQModel.set_param_values", "($self, params, /)",
     "Write parameter values into the script's tree.\n"
     "\n"
     "Args:\n"
     "    params (dict): parameter name to value.\n"
     "\n"
     "Returns:\n"
     "    None.\n"
     "\n"
     "Raises:\n"
     "    InvalidParameterError: a name is not a parameter, or a value does not fit its type."},
    {"cqgi.CQModel.build", "($self, /, build_parameters=None, build_options=None)",
     "Run the script (with parameter values substituted) and collect what it shows.\n"
     "\n"
     "Args:\n"
     "    build_parameters (dict, default None): parameter values to use.\n"
     "    build_options (dict, default None): accepted for compatibility.\n"
     "\n"
     "Returns:\n"
     "    BuildResult: success, results (ShapeResults), debugObjects, exception and buildTime."},
    {"cqgi.BuildResult", "()",
     "The outcome of CQModel.build: success (bool), results (list of ShapeResult), first_result,\n"
     "debugObjects, exception (or None) and buildTime (seconds)."},
    {"cqgi.BuildResult.set_failure_result", "($self, ex, /)",
     "Record a failed build.\n"
     "\n"
     "Args:\n"
     "    ex (Exception): the error raised.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"cqgi.BuildResult.set_debug", "($self, debugObjects, /)",
     "Record the objects passed to debug().\n"
     "\n"
     "Args:\n"
     "    debugObjects (list of ShapeResult): the debug objects.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"cqgi.BuildResult.set_success_result", "($self, results, /)",
     "Record a successful build.\n"
     "\n"
     "Args:\n"
     "    results (list of ShapeResult): the shown objects; the first becomes first_result.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"cqgi.ShapeResult", "()",
     "One object shown by a script: shape (the object) and options (a dict or None)."},
    {"cqgi.ScriptMetadata", "()",
     "The parameters found in a script: parameters (a dict of name to InputParameter)."},
    {"cqgi.ScriptMetadata.add_script_parameter", "($self, p, /)",
     "Add a parameter.\n"
     "\n"
     "Args:\n"
     "    p (InputParameter): the parameter (stored under p.name).\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"cqgi.ScriptMetadata.add_parameter_description", "($self, name, description, /)",
     "Set the description of a parameter.\n"
     "\n"
     "Args:\n"
     "    name (str): the parameter name.\n"
     "    description (str): the text.\n"
     "\n"
     "Returns:\n"
     "    None.\n"
     "\n"
     "Raises:\n"
     "    KeyError: no parameter of that name."},
    {"cqgi.InputParameter", "()",
     "One parameter of a script: name, varType (a ParameterType class), default_value,\n"
     "valid_values, desc and the tree node of its assignment (ast_node)."},
    {"cqgi.InputParameter.create", "(ast_node, var_name, var_type, default_value, valid_values=None, desc=None)",
     "Make a parameter.\n"
     "\n"
     "Args:\n"
     "    ast_node (ast.AST): the value node of the assignment.\n"
     "    var_name (str): the variable name.\n"
     "    var_type (type): NumberParameterType, StringParameterType, BooleanParameterType or\n"
     "        TupleParameterType.\n"
     "    default_value (object): the value in the script.\n"
     "    valid_values (list, default None): allowed values (None: any).\n"
     "    desc (str, default None): a description.\n"
     "\n"
     "Returns:\n"
     "    InputParameter: the parameter."},
    {"cqgi.InputParameter.set_value", "($self, new_value, /)",
     "Replace the parameter's value in the script's tree.\n"
     "\n"
     "Args:\n"
     "    new_value (object): the value, converted by the parameter's type.\n"
     "\n"
     "Returns:\n"
     "    None.\n"
     "\n"
     "Raises:\n"
     "    InvalidParameterError: the value does not fit the parameter's type."},
    {"cqgi.ParameterType", "()",
     "The base of the parameter type markers."},
    {"cqgi.NumberParameterType", "()",
     "Marks a numeric parameter (int or float)."},
    {"cqgi.StringParameterType", "()",
     "Marks a string parameter."},
    {"cqgi.BooleanParameterType", "()",
     "Marks a boolean parameter."},
    {"cqgi.TupleParameterType", "()",
     "Marks a tuple parameter."},
    {"cqgi.ScriptCallback", "()",
     "Collects what a script shows while it runs: outputObjects and debugObjects."},
    {"cqgi.ScriptCallback.show_object", "($self, shape, /, options=None, **kw)",
     "Record an object shown by the script.\n"
     "\n"
     "Args:\n"
     "    shape (object): what is shown.\n"
     "    options (dict, default None): display options; extra keywords (name=, color=...) are\n"
     "        added to them.\n"
     "    kw: more options.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"cqgi.ScriptCallback.debug", "($self, obj, /, args=None)",
     "Record an object passed to debug().\n"
     "\n"
     "Args:\n"
     "    obj (object): the object.\n"
     "    args (dict, default None): display options.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"cqgi.ScriptCallback.describe_parameter", "($self, *args, **kwargs)",
     "Accepted while a script runs (descriptions are read when it is parsed).\n"
     "\n"
     "Args:\n"
     "    args: ignored.\n"
     "    kwargs: ignored.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"cqgi.ScriptCallback.add_error", "($self, *args, **kwargs)",
     "Accepted for compatibility; errors are reported through BuildResult.exception.\n"
     "\n"
     "Args:\n"
     "    args: ignored.\n"
     "    kwargs: ignored.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"cqgi.ScriptCallback.has_results", "($self, /)",
     "Whether the script showed anything.\n"
     "\n"
     "Returns:\n"
     "    bool: True when outputObjects is not empty."},
    {"cqgi.EnvironmentBuilder", "()",
     "Builds the globals a script runs with."},
    {"cqgi.EnvironmentBuilder.with_real_builtins", "($self, /)",
     "Use Python's builtins module.\n"
     "\n"
     "Returns:\n"
     "    EnvironmentBuilder: this builder (self)."},
    {"cqgi.EnvironmentBuilder.with_builtins", "($self, env_dict, /)",
     "Use a given mapping as the builtins.\n"
     "\n"
     "Args:\n"
     "    env_dict (dict): the builtins.\n"
     "\n"
     "Returns:\n"
     "    EnvironmentBuilder: this builder (self)."},
    {"cqgi.EnvironmentBuilder.with_cadquery_objects", "($self, /)",
     "Add `cadquery` and `cq` (the module) to the globals.\n"
     "\n"
     "Returns:\n"
     "    EnvironmentBuilder: this builder (self)."},
    {"cqgi.EnvironmentBuilder.add_entry", "($self, name, value, /)",
     "Add one global.\n"
     "\n"
     "Args:\n"
     "    name (str): the variable name.\n"
     "    value (object): its value.\n"
     "\n"
     "Returns:\n"
     "    EnvironmentBuilder: this builder (self)."},
    {"cqgi.EnvironmentBuilder.build", "($self, /)",
     "The globals built so far.\n"
     "\n"
     "Returns:\n"
     "    dict: the environment."},
    {"cqgi.InvalidParameterError", "(*args)",
     "A parameter value that cannot be given to the script (unknown name or wrong type).\n"
     "\n"
     "Args:\n"
     "    args: the message."},
    {"cqgi.NoOutputError", "(*args)",
     "The script did not show anything (no show_object call).\n"
     "\n"
     "Args:\n"
     "    args: the message."},
    {"cqgi.ScriptExecutionError", "(*args)",
     "The script raised an error while it ran.\n"
     "\n"
     "Args:\n"
     "    args: the message."},
    {NULL, NULL, NULL}
};
