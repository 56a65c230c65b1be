#pragma once

#include <json-glib/json-glib.h>

#include "mj-account-store.h"

G_BEGIN_DECLS

/* Each command gets argv with argv[0] = the command name ("send", …) and
 * returns an exit status of DESIGN.md (see MjExitCode in mj-error.h). */
typedef int (*MjCliCommand) (int argc, char **argv);

int  mj_cli_account  (int argc, char **argv);
int  mj_cli_diagnose (int argc, char **argv);
int  mj_cli_explain  (int argc, char **argv);
int  mj_cli_inspect  (int argc, char **argv);
int  mj_cli_queue    (int argc, char **argv);
int  mj_cli_send     (int argc, char **argv);

/* `account detect ADDR [--json]` (argv[0] = "detect"). */
int  mj_cli_account_detect         (int argc, char **argv);
/* `account add --auth oauth2`: signs in with Microsoft, keeps the tokens
 * in the keyring and adds @account to @store; stores nothing on failure
 * or Ctrl+C. Returns an exit status. (mj-cli-oauth.c) */
int  mj_cli_account_oauth_sign_in  (MjAccount      *account,
                                    MjAccountStore *store);

/* Shared helpers. */
void mj_cli_print_json   (JsonNode     *node);
void mj_cli_print_error  (const GError *error);
int  mj_cli_usage_error  (const char   *format,
                          ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
