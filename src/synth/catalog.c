/* catalog.c: the table of part families, in a fixed order (the order is part of the generator's
 * determinism: reordering or inserting rows changes which family an (seed, index) pair gets). */
#include "families.h"

static const zs_family families[] = {
    {"flanged_bushing", "flanges", "Flanged bushing", zs_fam_flanged_bushing},
    {"pipe_flange", "flanges", "Pipe flange", zs_fam_pipe_flange},
    {"mounting_plate", "plates", "Mounting plate", zs_fam_mounting_plate},
    {"vented_cover_plate", "plates", "Vented cover plate", zs_fam_vented_cover_plate},
    {"l_bracket", "brackets", "L bracket", zs_fam_l_bracket},
    {"u_channel_bracket", "brackets", "U channel bracket", zs_fam_u_channel_bracket},
    {"stepped_shaft", "shafts", "Stepped shaft", zs_fam_stepped_shaft},
    {"enclosure_box", "housings", "Enclosure box", zs_fam_enclosure_box},
};

const zs_family *zs_catalog(int *count)
{
    *count = (int)(sizeof families / sizeof families[0]);
    return families;
}
