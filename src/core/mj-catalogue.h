#pragma once

/* Private to the explainer (and its tests): the data of the error
 * catalogue. Every text is an English msgid marked with N_(); Spanish comes
 * from mj_i18n_translate ("es", msgid). */

#include <glib.h>

#include "mj-explainer.h"
#include "mj-explanation.h"
#include "mj-smtp-reply.h"

G_BEGIN_DECLS

/**
 * MjRetryRule:
 * @MJ_RETRY_BY_CLASS: retry when the reply is temporary (4xx), not otherwise
 * @MJ_RETRY_NEVER: never retry by itself: repeating would fail again or
 *   make things worse (throttling, blocks, login failures)
 */
typedef enum {
  MJ_RETRY_BY_CLASS,
  MJ_RETRY_NEVER,
} MjRetryRule;

typedef enum {
  MJ_CATALOGUE_TEXT,      /* server text patterns, win over codes */
  MJ_CATALOGUE_ENHANCED,  /* RFC 3463 enhanced codes, ranges, subjects, classes */
  MJ_CATALOGUE_MICROSOFT, /* enhanced codes with Microsoft's own meanings */
  MJ_CATALOGUE_REPLY,     /* RFC 5321 basic reply codes */
  MJ_CATALOGUE_CLIENT,    /* classic Outlook client codes 0x800CCCxx */
  MJ_CATALOGUE_AADSTS,    /* Microsoft Entra sign-in errors */
  MJ_CATALOGUE_CURL,      /* libcurl result codes */
  MJ_CATALOGUE_OTHER,     /* unknown input, auto-replies, not a bounce */
  MJ_CATALOGUE_N_KINDS
} MjCatalogueKind;

/**
 * MjCatalogueEntry:
 * @id: stable identifier (tests, logs)
 * @match: what selects the entry; per kind: TEXT "a|b&c" (any alternative,
 *   each a set of "&"-joined case-insensitive substrings); ENHANCED and
 *   MICROSOFT
 *   "5.7.139", "X.1.1" (either class), "4.7.500-699" (range), "X.2.*"
 *   (subject), "5.*.*" (class); CLIENT "0x800CCC0E"; AADSTS "AADSTS65001";
 *   CURL the CURLE_ name then optional "|" alternatives of its message
 * @code: REPLY and CURL: the number; ENHANCED: a reply code the entry also
 *   requires (0 = any)
 * @klass: 'P', 'T', 'S' or 'U': the class when the input has no code
 * @reason: Sisimai bounce reason
 * @precise: MICROSOFT only: the number has one meaning, so it wins over the
 *   general wordings of the TEXT table ("authentication required", "banned
 *   sender"…). Numbers that Microsoft reuses with several wordings
 *   (5.7.139, 5.7.520) or that mean something else elsewhere (RFC 3463
 *   numbers such as 5.1.8 or 5.7.3) are not precise: the words decide.
 * @shared: MICROSOFT only: the number (or range) is not Microsoft's alone:
 *   it is registered for every server by RFC 3463/5248 and the IANA
 *   registry (5.1.8, 5.7.3…), or it is a range of temporary 4.7.x replies
 *   that any server may send. Microsoft's meaning then applies only in a
 *   Microsoft context (the account's provider or server, the reporting MTA
 *   of a bounce, or Microsoft's stamp in the reply itself); otherwise the
 *   generic meaning does. Numbers only Microsoft uses (5.7.139, 5.2.252,
 *   5.7.705…) are read as Microsoft's without context.
 */
typedef struct {
  const char *id;
  const char *match;
  guint code;
  char klass;
  const char *reason;
  MjWhoFixes who;
  MjRetryRule retry;
  gboolean precise;
  gboolean shared;
  const char *title;
  const char *explanation;
  const char *action;
  const char *admin;
} MjCatalogueEntry;

const MjCatalogueEntry *mj_catalogue_get (MjCatalogueKind kind,
                                          gsize          *n_entries);
const MjCatalogueEntry *mj_catalogue_lookup_id (const char *id);

extern const MjCatalogueEntry mj_catalogue_text[];
extern const gsize mj_catalogue_text_len;
extern const MjCatalogueEntry mj_catalogue_enhanced[];
extern const gsize mj_catalogue_enhanced_len;
extern const MjCatalogueEntry mj_catalogue_microsoft[];
extern const gsize mj_catalogue_microsoft_len;
extern const MjCatalogueEntry mj_catalogue_reply[];
extern const gsize mj_catalogue_reply_len;
extern const MjCatalogueEntry mj_catalogue_client[];
extern const gsize mj_catalogue_client_len;
extern const MjCatalogueEntry mj_catalogue_aadsts[];
extern const gsize mj_catalogue_aadsts_len;
extern const MjCatalogueEntry mj_catalogue_curl[];
extern const gsize mj_catalogue_curl_len;
extern const MjCatalogueEntry mj_catalogue_other[];
extern const gsize mj_catalogue_other_len;

/* The Sisimai reasons the catalogue may use (DESIGN.md), NULL-terminated. */
extern const char * const mj_catalogue_reasons[];

/* Internal constructor used by the explainer. */
MjExplanation *_mj_explanation_new (const MjCatalogueEntry *entry,
                                    guint                   reply_code,
                                    const char             *enhanced,
                                    char                    klass,
                                    const char             *diagnostic);
void           _mj_explanation_forbid_retry (MjExplanation *self);

/* Explains @reply, with @klass ('P', 'T', 'S'; 0 = from the codes) forced:
 * a bounce's Action says more than its status code. */
MjExplanation *_mj_explainer_explain_id       (const char        *id,
                                               guint              reply_code,
                                               const char        *enhanced,
                                               char               klass,
                                               const char        *diagnostic);
MjExplanation *_mj_explainer_explain_reply_as (const MjSmtpReply      *reply,
                                               char                    klass,
                                               const MjExplainContext *context);

/* Reads the reply quoted somewhere in @text (a pasted error, a curl message,
 * a bounce's diagnostic): like mj_smtp_reply_parse(), but a number that is
 * a measure ("after 250 ms", "port 465") is not taken for a reply code, the
 * code next to an enhanced status is preferred, and an enhanced status
 * written later in the text ("(#5.1.1)", "<#5.7.520 …>") fills in. */
MjSmtpReply   *_mj_explainer_parse_text       (const char        *text);

/* The text the TEXT patterns are matched against: one line, lower case,
 * reply-code prefixes of continuation lines, addresses and server names
 * removed, then the same with CamelCase words split ("SendAsDenied"). */
char          *_mj_explainer_match_text       (const char        *text);

G_END_DECLS
