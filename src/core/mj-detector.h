#pragma once

#include <gio/gio.h>

#include "mj-provider.h"

G_BEGIN_DECLS

/**
 * MjDetectSource:
 * @MJ_DETECT_SOURCE_DOMAIN: the address's domain is a known provider domain
 *   (no network used)
 * @MJ_DETECT_SOURCE_MX: the domain's MX host belongs to a known provider
 * @MJ_DETECT_SOURCE_SRV: the domain publishes an RFC 6186 submission SRV
 *   record (`_submission._tcp` or `_submissions._tcp`)
 * @MJ_DETECT_SOURCE_MANUAL: nothing was found: the generic preset, the user
 *   types the server
 *
 * How a #MjDetection was found.
 */
typedef enum {
  MJ_DETECT_SOURCE_DOMAIN,
  MJ_DETECT_SOURCE_MX,
  MJ_DETECT_SOURCE_SRV,
  MJ_DETECT_SOURCE_MANUAL,
} MjDetectSource;

/* "domain" | "mx" | "srv" | "manual" */
const char *mj_detect_source_to_string (MjDetectSource source);

/**
 * MjDetection:
 *
 * What the account wizard should propose for an address: the provider
 * preset (never %NULL: "generic" when nothing matched), the submission
 * server (host may be empty for %MJ_DETECT_SOURCE_MANUAL), the auth methods
 * offered, preferred first ("oauth2", "password"), how it was found, and
 * the MX or SRV host that decided it (%NULL for domain and manual).
 * Immutable once returned.
 */
#define MJ_TYPE_DETECTION (mj_detection_get_type ())

G_DECLARE_FINAL_TYPE (MjDetection, mj_detection, MJ, DETECTION, GObject)

const char          *mj_detection_get_address       (MjDetection *self);
/* Lower-cased domain of the address. */
const char          *mj_detection_get_domain        (MjDetection *self);
/* (transfer none): the preset; "generic" for srv/manual results that match
 * no known provider. */
MjProvider          *mj_detection_get_provider      (MjDetection *self);
const char          *mj_detection_get_provider_id   (MjDetection *self);
/* The provider's name in the UI language (mj_i18n_ui_lang()). */
const char          *mj_detection_get_display_name  (MjDetection *self);
const char          *mj_detection_get_host          (MjDetection *self);
guint                mj_detection_get_port          (MjDetection *self);
MjSecurity           mj_detection_get_security      (MjDetection *self);
/* (array zero-terminated=1): "oauth2" / "password", preferred first. */
const char * const  *mj_detection_get_auth_methods  (MjDetection *self);
MjAuthMethod         mj_detection_get_preferred_auth (MjDetection *self);
MjDetectSource       mj_detection_get_source        (MjDetection *self);
/* (nullable): the MX or SRV target that identified the provider. */
const char          *mj_detection_get_seen_host     (MjDetection *self);

/* Domain table only, no network: the provider for @address's domain, or
 * NULL (transfer none). */
MjProvider          *mj_detector_lookup_domain      (const char  *address);

/**
 * mj_detector_detect_async:
 * @address: an e-mail address ("ana@hotmail.es") or a bare domain
 *
 * Known domains first (no network), then the domain's MX records, then
 * RFC 6186 SRV records, through g_resolver_get_default() (tests install a
 * stand-in with g_resolver_set_default()). DNS failures are not errors:
 * the result is then %MJ_DETECT_SOURCE_MANUAL. Fails only with
 * %MJ_INPUT_ERROR_ADDRESS for an address without a usable domain, or
 * %G_IO_ERROR_CANCELLED. DNS lookups give up after a few seconds.
 */
void                 mj_detector_detect_async       (const char          *address,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* (transfer full) */
MjDetection         *mj_detector_detect_finish      (GAsyncResult        *result,
                                                     GError             **error);
/* Runs the async version in a private main context: for the CLI and tests. */
MjDetection         *mj_detector_detect_sync        (const char          *address,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

G_END_DECLS
