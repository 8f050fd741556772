/* shade.c: the look of a surface point: Lambert shading from the spec's headlight plus
 * ambient light, as a fixed-point intensity (1/65535); zr_shade_color (render_internal.h)
 * turns it into the material colour. */
#include "render_internal.h"

uint32_t zr_shade_intensity(const zr_spec *spec, const zr_camera *cam, const float n[3], int flip)
{
    double d = (double)n[0] * cam->light[0] + (double)n[1] * cam->light[1] + (double)n[2] * cam->light[2];
    if (flip)
        d = -d;
    double i = spec->ambient + spec->diffuse * (d > 0 ? d : 0.0);
    if (i > 1.0)
        i = 1.0;
    if (!(i > 0.0))
        i = 0.0;
    return (uint32_t)(i * 65535.0 + 0.5);
}
