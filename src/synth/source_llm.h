/* source_llm.h: the agent's accepted programs as a zs_source (source_llm.c); ctx is the
 * agent's zs_state. Internal to the agent (llm_run.c). */
#ifndef ZS_SOURCE_LLM_H
#define ZS_SOURCE_LLM_H

#include <stddef.h>
#include <stdint.h>

int zs_llm_program(void *ctx, uint64_t index, char **code, char **uuid, const char **family,
                   const char **category, char *err, size_t errlen);
char *zs_llm_description(void *ctx, uint64_t index);

#endif
