/* svg.c: the report's charts, drawn as inline SVG: horizontal bar charts with a label and the
 * value beside each bar. */
#include "report_internal.h"

#include <math.h>

void zrp_bar_chart(FILE *f, const char *title, const char *const *labels, const double *values, int n,
                   const char *unit)
{
    const int bar = 18, gap = 4, left = 260, width = 360, top = 28;
    double max = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(values[i]) && values[i] > max)
            max = values[i];
    int h = top + n * (bar + gap) + 10;
    fprintf(f, "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "role=\"img\"><text x=\"4\" y=\"18\" class=\"t\">", left + width + 90, h);
    zrp_str(f, title);
    fputs("</text>", f);
    for (int i = 0; i < n; i++) {
        double v = isfinite(values[i]) ? values[i] : 0;
        int y = top + i * (bar + gap);
        int w = max > 0 ? (int)lround(v / max * width) : 0;
        fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 6, y + bar - 5);
        zrp_str(f, labels[i]);
        fprintf(f, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", left, y, w, bar);
        fprintf(f, "<text x=\"%d\" y=\"%d\">%g%s</text>", left + w + 4, y + bar - 5, v, unit ? unit : "");
    }
    fputs("</svg></figure>\n", f);
}
