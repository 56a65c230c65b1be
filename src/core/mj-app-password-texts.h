#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MjAppPasswordTexts:
 * @provider_id: the provider these texts are for (an id of providers.ini)
 * @kind_label: what the provider calls the password ("app password", …)
 * @two_step: what two-step verification is and whether the provider needs it
 * @steps: how to make the password, step by step (lines separated by "\n")
 * @looks_like: what the password looks like
 * @example: a made-up example in the right shape (not translated)
 * @paste: where to paste it
 * @notice: a dated warning, or %NULL
 *
 * The app-password guide of one provider. Every text except @example and
 * @provider_id is an English msgid marked with N_(): translate it with
 * gettext() in the GUI or M_() in the command line.
 */
typedef struct
{
  const char *provider_id;
  const char *kind_label;
  const char *two_step;
  const char *steps;
  const char *looks_like;
  const char *example;
  const char *paste;
  const char *notice;
} MjAppPasswordTexts;

const MjAppPasswordTexts *mj_app_password_texts_lookup (const char *provider_id);
const MjAppPasswordTexts *mj_app_password_texts_get_all (guint *n_texts);

G_END_DECLS
