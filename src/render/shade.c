/* shade.c: the look of a surface point: Lambert shading from the spec's headlight plus
 * ambient light, as a fixed-point intensity (1/65535) and the material colour it gives. */
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

uint32_t zr_shade_color(const uint8_t material[3], uint32_t intensity)
{
    uint32_t r = (material[0] * intensity + 32767) / 65535;
    uint32_t g = (material[1] * intensity + 32767) / 65535;
    uint32_t b = (material[2] * intensity + 32767) / 65535;
    return r << 16 | g << 8 | b;
}
