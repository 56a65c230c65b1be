#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Each command gets argv with argv[0] = the command name ("send", …) and
 * returns an exit status of DESIGN.md (see MjExitCode in mj-error.h). */
typedef int (*MjCliCommand) (int argc, char **argv);

int  mj_cli_explain  (int argc, char **argv);

/* Shared helpers. */
void mj_cli_print_json   (JsonNode     *node);
void mj_cli_print_error  (const GError *error);
int  mj_cli_usage_error  (const char   *format,
                          ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
