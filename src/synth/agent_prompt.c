/* agent_prompt.c: the texts the agent sends: the default part categories of the catalog
 * stage, the catalog request, the code stage's system prompt (our design principles and the
 * reference snippet, the same text as docs/synth-prompts.md) and its three tools. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent_internal.h"

const char *const zs_default_categories[] = {
    "mounting brackets", "angle brackets and gussets", "flanges", "pipe fittings", "valve bodies",
    "shaft collars", "couplings", "bearing housings and pillow blocks", "bushings and spacers",
    "gears and sprockets", "pulleys and sheaves", "cams and levers", "knobs and handwheels",
    "handles and pulls", "hinges", "clips and clamps", "cable management parts", "electronics enclosures",
    "lids and covers", "panels and faceplates", "heat sinks", "fan and motor mounts", "sensor mounts",
    "rail and slide parts", "linear guide carriages", "fastener-like parts (nuts, bolts, washers, studs)",
    "standoffs", "hooks and hangers", "tool holders and organizers", "furniture connectors",
    "plumbing manifolds", "nozzles and funnels", "containers and trays", "pegboard accessories",
    "jigs and fixtures", "robot arm links", "camera and phone mounts", "bicycle parts",
    "drone frame parts", "3D-printer parts", "keyboard and button caps", "connectors and adapters",
    "ribbed and webbed structural parts", "turned parts (revolved profiles)", "springs and flexures",
    "wheels and casters", "brackets with slots", "mold inserts", "lamp and light fixture parts",
    "spools and reels",
};
const int zs_default_category_count = (int)(sizeof zs_default_categories / sizeof zs_default_categories[0]);

/* Our design principles (docs/synth-prompts.md lists the same ones). */
static const char *const principles[] = {
    "Start the program with `import cadquery as cq` and import nothing else (the standard `math` module is "
    "allowed).",
    "Put every dimension in a named parameter at the top (lengths in millimetres), then build the part from "
    "those names only.",
    "Keep the dimensions plausible for a real part and consistent with each other: holes smaller than the "
    "walls around them, fillets smaller than the edges they round.",
    "Use the fluent Workplane API: chain calls on `cq.Workplane(...)` instead of building low-level shapes.",
    "Build the main body first (a box, an extruded sketch or a revolved profile), then add and remove "
    "features.",
    "Select faces and edges with string selectors such as \">Z\", \"<X\", \"|Z\" or \"#Y\" rather than by "
    "index.",
    "Start a feature on a face with `.faces(SELECTOR).workplane()` so it follows the part when dimensions "
    "change.",
    "Make holes with hole, cboreHole and cskHole, and pattern them with pushPoints, rarray or polarArray.",
    "Combine solids with union and cut; every feature must touch or overlap the body so that the result is one "
    "solid.",
    "Close every 2D profile before extruding or revolving it.",
    "Add fillets and chamfers last, on edges selected precisely, with radii well below the thickness there.",
    "Prefer fewer, well-chosen operations to long repetitive code; use a loop when a feature repeats.",
    "Leave no floating or disconnected bodies: the result must be a single valid solid.",
    "Give the part at least seven faces: a plain box or cylinder is not a part.",
    "Do not read or write files, use the network, or start processes: the program runs in a sandbox.",
    "Do not print, show or export anything: the environment measures and exports the part itself.",
    "Assign the final solid to a variable named `result`.",
    "Before submitting, check the API with lookup_documentation or grep_documentation when unsure of a method "
    "or its arguments.",
    "When a submission fails, read the error and the rule that failed, fix the cause, and submit the whole "
    "corrected program.",
};

static const char reference_snippet[] =
    "import cadquery as cq\n"
    "\n"
    "# parameters\n"
    "length = 80.0\n"
    "width = 50.0\n"
    "thickness = 8.0\n"
    "hole_diameter = 6.0\n"
    "hole_margin = 8.0\n"
    "boss_diameter = 20.0\n"
    "boss_height = 12.0\n"
    "bore_diameter = 10.0\n"
    "edge_fillet = 2.0\n"
    "\n"
    "# body, boss, holes; fillets last\n"
    "result = (\n"
    "    cq.Workplane(\"XY\")\n"
    "    .box(length, width, thickness)\n"
    "    .faces(\">Z\").workplane()\n"
    "    .circle(boss_diameter / 2).extrude(boss_height)\n"
    "    .faces(\">Z\").workplane().hole(bore_diameter)\n"
    "    .faces(\"<Z\").workplane(centerOption=\"CenterOfBoundBox\")\n"
    "    .rect(length - 2 * hole_margin, width - 2 * hole_margin, forConstruction=True)\n"
    "    .vertices().hole(hole_diameter)\n"
    "    .edges(\"|Z\").fillet(edge_fillet)\n"
    ")\n";

static const char tools_intro[] =
    "You write CadQuery programs for the part the user describes. You have three tools:\n"
    "- execute_and_validate(code): runs the whole program in the CAD environment and checks it: it must run, "
    "leave one valid solid in `result` with at least 7 faces. It answers with the measurements, or the error "
    "with its line and the rule that failed.\n"
    "- lookup_documentation(name): the documentation of a class, method or function of the `cadquery` module, "
    "e.g. \"Workplane.hole\".\n"
    "- grep_documentation(pattern): searches the documentation for words.\n"
    "Submit every version of the program with execute_and_validate until it validates.\n";

static const char text_intro[] =
    "You write CadQuery programs for the part the user describes. Answer with the whole program in one "
    "```python fenced code block. It will be run and checked: it must run, leave one valid solid in `result` "
    "with at least 7 faces. If it fails you get the error and the rule that failed; answer with the whole "
    "corrected program.\n";

char *zs_code_system_prompt(int tools)
{
    size_t cap = 8192;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    FILE *f = fmemopen(out, cap, "w");
    if (!f) {
        free(out);
        return NULL;
    }
    fputs(tools ? tools_intro : text_intro, f);
    fputs("\nDesign principles:\n", f);
    size_t k = 0;
    for (size_t i = 0; i < sizeof principles / sizeof principles[0]; i++)
        if (tools || !strstr(principles[i], "_documentation"))   /* no tools: no advice about them */
            fprintf(f, "%zu. %s\n", ++k, principles[i]);
    fprintf(f, "\nA reference program in this style:\n```python\n%s```\n", reference_snippet);
    fclose(f);
    return out;
}

char *zs_catalog_prompt(const char *category, int count)
{
    char *out = NULL;
    if (asprintf(&out,
                 "Write %d distinct descriptions of mechanical parts in the category \"%s\", for a CAD dataset. "
                 "Each description is one sentence naming the part and its main features and rough dimensions "
                 "(e.g. \"A rectangular mounting plate, 80 x 50 x 8 mm, with four corner holes and a central "
                 "bored boss\"). Each part must be a single solid that can be modelled with extrusions, "
                 "revolutions, holes, fillets and chamfers. Answer with a JSON object {\"descriptions\": "
                 "[...]} and nothing else.",
                 count, category) < 0)
        return NULL;
    return out;
}

static json_t *tool(const char *name, const char *what, const char *param, const char *param_what)
{
    return json_pack("{s:s, s:{s:s, s:s, s:{s:s, s:{s:{s:s, s:s}}, s:[s]}}}", "type", "function", "function",
                     "name", name, "description", what, "parameters", "type", "object", "properties", param,
                     "type", "string", "description", param_what, "required", param);
}

json_t *zs_code_tools(void)
{
    return json_pack(
        "[o, o, o]",
        tool("execute_and_validate",
             "Run a complete CadQuery program in the sandboxed CAD environment and validate its `result`: one "
             "valid solid with at least 7 faces. Returns the measurements, or the error and the rule that failed.",
             "code", "the whole Python program"),
        tool("lookup_documentation",
             "The signature and documentation of one class, method or function of the cadquery module.", "name",
             "e.g. \"Workplane\", \"Workplane.hole\" or \"hole\""),
        tool("grep_documentation", "Search the cadquery module's documentation (full-text).", "pattern",
             "words to search for, e.g. \"counterbore\""));
}
