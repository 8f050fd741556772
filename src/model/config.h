/* config.h: internal to zc_model. Reads config.json (text_config nested or flat) and
 * generation_config.json of a checkpoint folder. */
#ifndef ZC_MODEL_CONFIG_H
#define ZC_MODEL_CONFIG_H

#include "model.h"

int zc_config_load(const char *dir, zc_text_config *c, char *err, size_t errlen);
/* Absent file: defaults (greedy off, eos from config.json if any). Malformed file: error. */
int zc_gen_config_load(const char *dir, zc_gen_config *g, char *err, size_t errlen);

#endif
