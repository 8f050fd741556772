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
    {"Assembly", "(obj=None, loc=None, name=None, color=None, material=None, metadata=None)",
     "A tree of parts (Workplanes or Shapes), each placed relative to its parent.\n"
     "\n"
     "Args:\n"
     "    obj (Workplane | Shape, default None): the root part, or None for an empty node.\n"
     "    loc (Location, default None): its placement; None is the identity.\n"
     "    name (str, default None): its name; None gives a generated unique name.\n"
     "    color (Color, default None): its colour (written to STEP, glTF, VRML and XCAF files).\n"
     "    material (Material, default None): its material.\n"
     "    metadata (dict, default None): free data attached to the node.\n"
     "\n"
     "Attributes:\n"
     "    obj, loc, name, color, material, metadata: the node's own values (as given).\n"
     "    children (list of Assembly): the sub-assemblies; parent (Assembly | None) the parent.\n"
     "    objects (dict): every node of the tree by name; constraints: the constraints added."},
    {"Assembly.add", "($self, /, obj, loc=None, name=None, color=None, material=None, metadata=None)",
     "Add a part or a sub-assembly under this node.\n"
     "\n"
     "Args:\n"
     "    obj (Workplane | Shape | Assembly): the part, or an Assembly to nest.\n"
     "    loc (Location, default None): its placement relative to this node.\n"
     "    name (str, default None): its name (a nested Assembly keeps its own when None).\n"
     "    color (Color, default None): its colour.\n"
     "    material (Material, default None): its material.\n"
     "    metadata (dict, default None): free data.\n"
     "\n"
     "Returns:\n"
     "    Assembly: this assembly (self), for chaining."},
    {"Assembly.toCompound", "($self, /)",
     "All the parts of the tree, each moved to its absolute location, in one compound.\n"
     "\n"
     "Returns:\n"
     "    Compound: the located parts."},
    {"Assembly.save", "($self, /, path, exportType=None, mode=None, tolerance=0.1, angularTolerance=0.1, unit=None, outputUnit=None)",
     "Write the assembly to a file: STEP, XCAF XML/XBF, VRML, glTF/GLB or STL.\n"
     "\n"
     "Further keywords: ascii (STL text), write_pcurves, precision_mode, fuzzy_tol, glue and\n"
     "name_geometries (STEP), passed to the writer.\n"
     "\n"
     "Args:\n"
     "    path (str): the output path.\n"
     "    exportType (str, default None): 'STEP', 'XML', 'XBF', 'VRML', 'GLTF', 'GLB' or 'STL';\n"
     "        None takes it from the extension.\n"
     "    mode (str, default None): STEP only: 'default' (the tree) or 'fused' (one fused shape).\n"
     "    tolerance (float, default 0.1): the mesh's linear deflection (VRML, glTF, STL).\n"
     "    angularTolerance (float, default 0.1): the mesh's angular deflection.\n"
     "    unit (str, default None): STEP only: the model's length unit (None: 'MM').\n"
     "    outputUnit (str, default None): STEP only: the unit declared in the file.\n"
     "\n"
     "Returns:\n"
     "    Assembly: this assembly (self).\n"
     "\n"
     "Raises:\n"
     "    ValueError: an unknown extension, type or mode.\n"
     "    NotImplementedError: 'VTKJS' (no VTK here)."},
    {"Assembly.export", "($self, /, path, exportType=None, mode=None, tolerance=0.1, angularTolerance=0.1, unit=None, outputUnit=None)",
     "Write the assembly to a file (the same as save).\n"
     "\n"
     "Further keywords: ascii (STL text), write_pcurves, precision_mode, fuzzy_tol, glue and\n"
     "name_geometries (STEP), passed to the writer.\n"
     "\n"
     "Args:\n"
     "    path (str): the output path.\n"
     "    exportType (str, default None): 'STEP', 'XML', 'XBF', 'VRML', 'GLTF', 'GLB' or 'STL';\n"
     "        None takes it from the extension.\n"
     "    mode (str, default None): STEP only: 'default' (the tree) or 'fused' (one fused shape).\n"
     "    tolerance (float, default 0.1): the mesh's linear deflection (VRML, glTF, STL).\n"
     "    angularTolerance (float, default 0.1): the mesh's angular deflection.\n"
     "    unit (str, default None): STEP only: the model's length unit (None: 'MM').\n"
     "    outputUnit (str, default None): STEP only: the unit declared in the file.\n"
     "\n"
     "Returns:\n"
     "    Assembly: this assembly (self).\n"
     "\n"
     "Raises:\n"
     "    ValueError: an unknown extension, type or mode.\n"
     "    NotImplementedError: 'VTKJS' (no VTK here)."},
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
    /* ---- current CadQuery's assembly, material and file functions (merged from the conformance branches) ---- */
    {"Assembly.remove", "($self, /, name)",
     "Remove a part or sub-assembly (with its children) from the tree, by name.\n"
     "\n"
     "Args:\n"
     "    name (str): the name (as in objects; a path 'a/b' for a nested one).\n"
     "\n"
     "Returns:\n"
     "    Assembly: this assembly (self).\n"
     "\n"
     "Raises:\n"
     "    ValueError: no object has that name."},
    {"Assembly.traverse", "($self, /)",
     "Walk the tree, children before their parents.\n"
     "\n"
     "Returns:\n"
     "    iterator: (name, Assembly) pairs, one per node, the root last."},
    {"Assembly.addSubshape", "($self, /, s, name=None, color=None, layer=None)",
     "Give a sub-shape of this node's part (a face, an edge ...) a name, a colour or a layer,\n"
     "written to STEP by exportStepMeta.\n"
     "\n"
     "Args:\n"
     "    s (Shape): the sub-shape.\n"
     "    name (str, default None): its name.\n"
     "    color (Color, default None): its colour.\n"
     "    layer (str, default None): its layer name.\n"
     "\n"
     "Returns:\n"
     "    Assembly: this assembly (self).\n"
     "\n"
     "Raises:\n"
     "    TypeError: s is not a Shape.\n"
     "    ValueError: s is not a sub-shape of this node or its children."},
    {"Assembly.constrain", "($self, *args, param=None)",
     "Add a constraint between parts, solved later by solve().\n"
     "\n"
     "Forms: constrain(q1, kind), constrain(q1, kind, param) for one-part kinds ('Fixed',\n"
     "'FixedPoint', 'FixedAxis', 'FixedRotation'); constrain(q1, q2, kind, param=None) for two\n"
     "parts ('Point', 'Axis', 'Plane', 'PointInPlane', 'PointOnLine'); constrain(id1, s1, id2, s2,\n"
     "kind, param=None) with explicit shapes. A query is 'name[?tag][@kind@selector]'.\n"
     "\n"
     "Args:\n"
     "    args: the queries (or names and shapes) and the kind, positional.\n"
     "    param (object, default None): the kind's parameter (an angle, an offset, a point ...).\n"
     "\n"
     "Returns:\n"
     "    Assembly: this assembly (self).\n"
     "\n"
     "Raises:\n"
     "    ValueError: an unknown kind, a bad query or too few parts for the kind."},
    {"Assembly.solve", "($self, /, verbosity=0)",
     "Move the free parts so that the constraints hold as well as possible (a least-squares\n"
     "solve over each part's translation and rotation).\n"
     "\n"
     "Args:\n"
     "    verbosity (int, default 0): print the solver's progress when above 0.\n"
     "\n"
     "Returns:\n"
     "    Assembly: this assembly (self), its locations updated.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no constraint, or no part is fixed."},
    {"Assembly.load", "($cls, /, path, importType=None, unit=None)",
     "Read an assembly from a STEP, XCAF XML or XBF file (a class method).\n"
     "\n"
     "Args:\n"
     "    path (str | PathLike): the file.\n"
     "    importType (str, default None): 'STEP', 'XML' or 'XBF'; None takes it from the extension.\n"
     "    unit (str, default None): the length unit of the result (None: 'MM').\n"
     "\n"
     "Returns:\n"
     "    Assembly: the tree of parts, with names, locations, colours and materials.\n"
     "\n"
     "Raises:\n"
     "    ValueError: an unknown type or an unreadable file."},
    {"Assembly.importStep", "($cls, /, path, unit=None)",
     "Read an assembly from a STEP file (a class method; load() with importType 'STEP').\n"
     "\n"
     "Args:\n"
     "    path (str | PathLike): the file.\n"
     "    unit (str, default None): the length unit of the result (None: 'MM').\n"
     "\n"
     "Returns:\n"
     "    Assembly: the tree of parts.\n"
     "\n"
     "Raises:\n"
     "    ValueError: an unreadable file."},
    {"Material", "(name=None, *, description=None, density=7.85, densityUnit=None)",
     "A material of an assembly node: a name, a description and a density.\n"
     "\n"
     "Args:\n"
     "    name (str, default None): the name; None or '' gives 'Default'.\n"
     "    description (str, default None): a description; None gives ''.\n"
     "    density (float, default 7.85): the density.\n"
     "    densityUnit (str, default None): the density's unit; None gives 'g/cm^3'."},
    {"Material.toTuple", "($self, /)",
     "The material's fields.\n"
     "\n"
     "Returns:\n"
     "    tuple: (name, description, density, densityUnit)."},
    {"Material.description", NULL,
     "The material's description (str)."},
    {"assembly.Constraint", "(objects, args, sublocs, kind, param=None)",
     "One constraint between parts of an assembly (made by Assembly.constrain).\n"
     "\n"
     "Args:\n"
     "    objects (tuple of str): the names of the constrained parts.\n"
     "    args (tuple of Shape): the shapes of the parts the constraint refers to.\n"
     "    sublocs (tuple of Location): the locations of those shapes relative to the parts.\n"
     "    kind (str): 'Point', 'Axis', 'Plane', 'PointInPlane', 'PointOnLine', 'Fixed',\n"
     "        'FixedPoint', 'FixedAxis' or 'FixedRotation'.\n"
     "    param (object, default None): the kind's parameter (an angle in degrees, an offset,\n"
     "        a point ...).\n"
     "\n"
     "Raises:\n"
     "    ValueError: an unknown kind, or shapes or a parameter the kind does not accept."},
    {"exporters.ExportModes", "()",
     "The modes of an assembly's STEP export: DEFAULT ('default': one part per node) and FUSED\n"
     "('fused': the parts fused into one shape)."},
    {"exporters.DxfDocument", "(dxfversion='AC1027', setup=False, doc_units=4, *, metadata=None, approx=None, tolerance=0.001)",
     "A DXF drawing built from Workplanes and Shapes, written with saveas().\n"
     "\n"
     "Args:\n"
     "    dxfversion (str, default 'AC1027'): the DXF version code written in the header.\n"
     "    setup (bool | list, default False): accepted for compatibility (ezdxf's resources).\n"
     "    doc_units (int, default 4): the $INSUNITS code (4: millimetres).\n"
     "    metadata (dict, default None): header metadata (kept, applied only through ezdxf).\n"
     "    approx (str, default None): None writes curves as they are; 'spline' approximates\n"
     "        every curve by a spline, 'arc' by arcs.\n"
     "    tolerance (float, default 0.001): the approximation tolerance."},
    {"exporters.DxfDocument.add_layer", "($self, /, name, *, color=7, linetype='CONTINUOUS')",
     "Define a layer of the drawing.\n"
     "\n"
     "Args:\n"
     "    name (str): the layer name.\n"
     "    color (int, default 7): the AutoCAD colour index.\n"
     "    linetype (str, default 'CONTINUOUS'): the line type name.\n"
     "\n"
     "Returns:\n"
     "    DxfDocument: this document (self)."},
    {"exporters.DxfDocument.add_shape", "($self, /, shape, layer='')",
     "Add the edges of a Workplane (in its plane's coordinates) or a Shape (as it is) as LINE,\n"
     "CIRCLE, ARC, ELLIPSE and SPLINE entities.\n"
     "\n"
     "Args:\n"
     "    shape (Workplane | Shape): the content.\n"
     "    layer (str, default ''): the layer of the entities ('' for layer 0).\n"
     "\n"
     "Returns:\n"
     "    DxfDocument: this document (self)."},
    {"exporters.exportDXF", "(w, fname, approx=None, tolerance=0.001, *, doc_units=4)",
     "Write the edges of a Workplane, Shape or Sketch (or an iterable of them) to a DXF file.\n"
     "\n"
     "Args:\n"
     "    w (Workplane | Shape | Sketch | iterable): the content.\n"
     "    fname (str | PathLike): the output path.\n"
     "    approx (str, default None): None, 'spline' or 'arc' (see DxfDocument).\n"
     "    tolerance (float, default 0.001): the approximation tolerance.\n"
     "    doc_units (int, default 4): the $INSUNITS code (4: millimetres).\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"exporters.exportDXFProjection", "(s, path, dir, pnt=None, approx=None, tolerance=0.001, *, up=None, doc_units=4)",
     "Write the visible edges of a 3D shape, seen along a direction, to a DXF file (a hidden-line\n"
     "removal drawing).\n"
     "\n"
     "Args:\n"
     "    s (Shape | Workplane): the shape.\n"
     "    path (str | PathLike): the output path.\n"
     "    dir (Vector | tuple): the viewing direction.\n"
     "    pnt (Vector | tuple, default None): the projection plane's origin; None is (0, 0, 0)\n"
     "        (it does not change a parallel projection's drawing).\n"
     "    approx (str, default None): None, 'spline' or 'arc' (see DxfDocument).\n"
     "    tolerance (float, default 0.001): the approximation tolerance.\n"
     "    up (Vector | tuple, default None): the direction drawn upward; None picks one.\n"
     "    doc_units (int, default 4): the $INSUNITS code (4: millimetres).\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"importers.importBin", "(fileName)",
     "Load a shape in OpenCascade's binary format into a Workplane.\n"
     "\n"
     "Args:\n"
     "    fileName (str | PathLike): the file.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a workplane holding the shape.\n"
     "\n"
     "Raises:\n"
     "    OCCTError: the file cannot be read."},
    {"importers.importDXF", "(filename, tol=1e-6, exclude=None, include=None)",
     "Load the closed outlines of a 2D DXF file as planar faces on a Workplane.\n"
     "\n"
     "Lines, circles, arcs, ellipses, splines and polylines become edges; each layer's edges are\n"
     "joined into wires and the wires nested into faces (outer boundaries with their holes).\n"
     "Entities that make no valid edge are skipped.\n"
     "\n"
     "Args:\n"
     "    filename (str | PathLike): the DXF file.\n"
     "    tol (float, default 1e-6): the gap allowed between joined edges.\n"
     "    exclude (list of str, default None): layers to leave out.\n"
     "    include (list of str, default None): the only layers to read (None: all).\n"
     "\n"
     "Returns:\n"
     "    Workplane: a workplane holding the faces.\n"
     "\n"
     "Raises:\n"
     "    ValueError: the file cannot be read as DXF."},
    {"occ_impl.assembly.toCAF", "(assy, coloredSTEP=False, mesh=False, tolerance=0.001, angularTolerance=0.1, binary=True)",
     "Build an XCAF document (OpenCascade's assembly document) of an assembly.\n"
     "\n"
     "Args:\n"
     "    assy (Assembly): the assembly.\n"
     "    coloredSTEP (bool, default False): colour the shapes as STEP writers expect.\n"
     "    mesh (bool, default False): mesh the shapes (for glTF and VRML).\n"
     "    tolerance (float, default 0.001): the mesh's linear deflection.\n"
     "    angularTolerance (float, default 0.1): the mesh's angular deflection.\n"
     "    binary (bool, default True): prepare the document for the binary (XBF) format.\n"
     "\n"
     "Returns:\n"
     "    tuple: (the label index of the top node, the document handle)."},
    {"occ_impl.assembly.toFusedCAF", "(assy, glue=False, tol=None)",
     "Build an XCAF document holding the assembly's parts fused into one shape, each face keeping\n"
     "the colour of the part it comes from.\n"
     "\n"
     "Args:\n"
     "    assy (Assembly): the assembly.\n"
     "    glue (bool, default False): use the glue option of the fuse (parts that only touch).\n"
     "    tol (float, default None): a fuzzy tolerance for the fuse.\n"
     "\n"
     "Returns:\n"
     "    tuple: (the label index of the fused shape, the document handle)."},
    {"occ_impl.assembly.imprint", "(assy, tol=0.0, glue='full')",
     "Imprint the solids of an assembly on each other, so that touching parts share faces.\n"
     "\n"
     "Args:\n"
     "    assy (Assembly): the assembly.\n"
     "    tol (float, default 0.0): a fuzzy tolerance.\n"
     "    glue (str, default 'full'): the gluing option: 'full', 'partial' or None.\n"
     "\n"
     "Returns:\n"
     "    tuple: (the imprinted Shape, a dict from each result solid to the tuple of the names of\n"
     "    the parts it comes from)."},
    {"occ_impl.exporters.assembly.exportAssembly", "(assy, path, mode=None, unit=None, outputUnit=None)",
     "Write an assembly to a STEP file, one product per node, with names and colours.\n"
     "\n"
     "Args:\n"
     "    assy (Assembly): the assembly.\n"
     "    path (str | PathLike): the output path.\n"
     "    mode (str, default None): 'default' (the tree) or 'fused' (one fused shape).\n"
     "    unit (str, default None): the model's length unit (None: 'MM').\n"
     "    outputUnit (str, default None): the unit declared in the file.\n"
     "\n"
     "Returns:\n"
     "    bool: True once written."},
    {"occ_impl.exporters.assembly.exportStepMeta", "(assy, path, write_pcurves=True, precision_mode=0, unit=None, outputUnit=None)",
     "Write an assembly to STEP with the names, colours and layers of its sub-shapes (set by\n"
     "Assembly.addSubshape).\n"
     "\n"
     "Args:\n"
     "    assy (Assembly): the assembly.\n"
     "    path (str | PathLike): the output path.\n"
     "    write_pcurves (bool, default True): write the edges' curves on their faces.\n"
     "    precision_mode (int, default 0): the STEP writer's precision mode (-1 least, 0 average,\n"
     "        1 greatest).\n"
     "    unit (str, default None): the model's length unit (None: 'MM').\n"
     "    outputUnit (str, default None): the unit declared in the file.\n"
     "\n"
     "Returns:\n"
     "    bool: True once written."},
    {"occ_impl.exporters.assembly.exportCAF", "(assy, path, binary=False)",
     "Write an assembly as an XCAF document: XML text or the binary XBF format.\n"
     "\n"
     "Args:\n"
     "    assy (Assembly): the assembly.\n"
     "    path (str): the output path.\n"
     "    binary (bool, default False): write XBF instead of XML.\n"
     "\n"
     "Returns:\n"
     "    bool: True once written."},
    {"occ_impl.exporters.assembly.exportGLTF", "(assy, path, binary=None, tolerance=0.001, angularTolerance=0.1)",
     "Write a meshed assembly as glTF (JSON) or GLB (binary).\n"
     "\n"
     "Args:\n"
     "    assy (Assembly): the assembly.\n"
     "    path (str): the output path.\n"
     "    binary (bool, default None): write GLB; None decides by the extension ('.glb').\n"
     "    tolerance (float, default 0.001): the mesh's linear deflection.\n"
     "    angularTolerance (float, default 0.1): the mesh's angular deflection.\n"
     "\n"
     "Returns:\n"
     "    bool: True once written."},
    {"occ_impl.exporters.assembly.exportVRML", "(assy, path, tolerance=0.001, angularTolerance=0.1)",
     "Write a meshed assembly as VRML.\n"
     "\n"
     "Args:\n"
     "    assy (Assembly): the assembly.\n"
     "    path (str): the output path.\n"
     "    tolerance (float, default 0.001): the mesh's linear deflection.\n"
     "    angularTolerance (float, default 0.1): the mesh's angular deflection.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {NULL, NULL, NULL}
};
