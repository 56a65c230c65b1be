/* Provider detection: the domain table (no network) and MX/SRV lookups
 * through a GResolver stand-in answering from a table, since public DNS is
 * unreachable here. */

#include "config.h"

#include <string.h>

#include "mj-detector.h"
#include "mj-error.h"
#include "mj-test-utils.h"

/* ------------------------------------------------------------------ */
/* GResolver stand-in                                                  */

#define TEST_TYPE_RESOLVER (test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestResolver, test_resolver, TEST, RESOLVER, GResolver)

struct _TestResolver
{
  GResolver parent_instance;
  GHashTable *records;   /* "mx:name" / "srv:name" -> GPtrArray of GVariant */
  GPtrArray *queries;    /* "mx:name" in order */
};

G_DEFINE_FINAL_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

/* A name whose lookups never answer (until cancelled). */
#define HANGING_DOMAIN "hang.example"

static char *
record_key (GResolverRecordType type,
            const char         *rrname)
{
  return g_strdup_printf ("%s:%s", type == G_RESOLVER_RECORD_MX ? "mx" :
                                   type == G_RESOLVER_RECORD_SRV ? "srv" : "other", rrname);
}

static GList *
answer (TestResolver        *self,
        const char          *rrname,
        GResolverRecordType  type,
        GError             **error)
{
  g_autofree char *key = record_key (type, rrname);
  GPtrArray *records = g_hash_table_lookup (self->records, key);
  GList *list = NULL;

  g_ptr_array_add (self->queries, g_strdup (key));
  if (records == NULL)
    {
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                   "No DNS record of the requested type for “%s”", rrname);
      return NULL;
    }
  for (guint i = records->len; i > 0; i--)
    list = g_list_prepend (list, g_variant_ref (g_ptr_array_index (records, i - 1)));
  return list;
}

static GList *
test_resolver_lookup_records (GResolver            *resolver,
                              const char           *rrname,
                              GResolverRecordType   type,
                              GCancellable         *cancellable,
                              GError              **error)
{
  return answer (TEST_RESOLVER (resolver), rrname, type, error);
}

static void
free_records (gpointer data)
{
  g_list_free_full (data, (GDestroyNotify) g_variant_unref);
}

static void
hang_cancelled (GCancellable *cancellable,
                GTask        *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
}

static void
test_resolver_lookup_records_async (GResolver           *resolver,
                                    const char          *rrname,
                                    GResolverRecordType  type,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;
  GList *list;

  if (g_str_has_suffix (rrname, HANGING_DOMAIN))
    {
      g_ptr_array_add (TEST_RESOLVER (resolver)->queries, record_key (type, rrname));
      g_assert_nonnull (cancellable);
      g_cancellable_connect (cancellable, G_CALLBACK (hang_cancelled), g_object_ref (task),
                             g_object_unref);
      return;
    }

  list = answer (TEST_RESOLVER (resolver), rrname, type, &error);
  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, free_records);
}

static GList *
test_resolver_lookup_records_finish (GResolver     *resolver,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_finalize (GObject *object)
{
  TestResolver *self = TEST_RESOLVER (object);

  g_hash_table_unref (self->records);
  g_ptr_array_unref (self->queries);
  G_OBJECT_CLASS (test_resolver_parent_class)->finalize (object);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_resolver_finalize;
  resolver_class->lookup_records = test_resolver_lookup_records;
  resolver_class->lookup_records_async = test_resolver_lookup_records_async;
  resolver_class->lookup_records_finish = test_resolver_lookup_records_finish;
}

static void
test_resolver_init (TestResolver *self)
{
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->queries = g_ptr_array_new_with_free_func (g_free);
}

static void
add_record (TestResolver        *self,
            GResolverRecordType  type,
            const char          *rrname,
            GVariant            *record)
{
  g_autofree char *key = record_key (type, rrname);
  GPtrArray *records = g_hash_table_lookup (self->records, key);

  if (records == NULL)
    {
      records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      g_hash_table_insert (self->records, g_steal_pointer (&key), records);
    }
  g_ptr_array_add (records, g_variant_ref_sink (record));
}

static void
add_mx (TestResolver *self,
        const char   *domain,
        guint16       preference,
        const char   *host)
{
  add_record (self, G_RESOLVER_RECORD_MX, domain, g_variant_new ("(qs)", preference, host));
}

static void
add_srv (TestResolver *self,
         const char   *rrname,
         guint16       priority,
         guint16       weight,
         guint16       port,
         const char   *target)
{
  add_record (self, G_RESOLVER_RECORD_SRV, rrname,
              g_variant_new ("(qqqs)", priority, weight, port, target));
}

static TestResolver *resolver;

static void
install_resolver (void)
{
  resolver = g_object_new (TEST_TYPE_RESOLVER, NULL);

  /* A Microsoft 365 tenant with its own domain. */
  add_mx (resolver, "contoso.example", 0, "contoso-example.mail.protection.outlook.com");
  /* A newer tenant: MX under mx.microsoft. */
  add_mx (resolver, "fabrikam.example", 0, "fabrikam-example.r-v1.mx.microsoft.");
  /* A custom domain on Outlook.com (personal). */
  add_mx (resolver, "familia-perez.example", 10, "familia-perez-example.olc.protection.outlook.com");
  /* Google Workspace, several MX, not in preference order, trailing dots. */
  add_mx (resolver, "fontaneria.example", 10, "ALT1.ASPMX.L.GOOGLE.COM.");
  add_mx (resolver, "fontaneria.example", 1, "ASPMX.L.GOOGLE.COM.");
  /* The preferred MX is unknown, the backup is Zoho: Zoho still wins. */
  add_mx (resolver, "tienda.example", 10, "mx.zoho.eu");
  add_mx (resolver, "tienda.example", 5, "mail.tienda.example");
  add_mx (resolver, "panaderia.example", 10, "mx00.ionos.es");
  add_mx (resolver, "estudio.example", 10, "mx01.mail.icloud.com");
  /* Own server, announced by RFC 6186 submission SRV. */
  add_mx (resolver, "taller.example", 10, "mail.taller.example");
  add_srv (resolver, "_submission._tcp.taller.example", 0, 1, 587, "mail.taller.example.");
  /* Both: implicit TLS (RFC 8314) is preferred. */
  add_srv (resolver, "_submission._tcp.gestoria.example", 0, 1, 587, "smtp.gestoria.example");
  add_srv (resolver, "_submissions._tcp.gestoria.example", 5, 1, 465, "smtp.gestoria.example");
  add_srv (resolver, "_submissions._tcp.gestoria.example", 0, 1, 465, "smtp1.gestoria.example");
  /* "." = service not offered (RFC 6186 §3). */
  add_srv (resolver, "_submission._tcp.nosubmit.example", 0, 0, 0, ".");
  /* SRV pointing at Microsoft 365's submission host. */
  add_srv (resolver, "_submission._tcp.despacho.example", 0, 0, 587, "smtp.office365.com");
  /* Same priority: the heavier weight first; a lower priority number wins
   * over any weight (RFC 2782). */
  add_srv (resolver, "_submission._tcp.pesos.example", 10, 10, 587, "light.pesos.example");
  add_srv (resolver, "_submission._tcp.pesos.example", 10, 60, 587, "heavy.pesos.example");
  add_srv (resolver, "_submission._tcp.pesos.example", 20, 1000, 587, "backup.pesos.example");
  /* Implicit TLS explicitly not offered ("."), STARTTLS offered. */
  add_srv (resolver, "_submissions._tcp.solo587.example", 0, 0, 0, ".");
  add_srv (resolver, "_submission._tcp.solo587.example", 0, 0, 587, "MAIL.Solo587.Example.");
  /* SRV pointing at a provider's business server (Zoho EU, organisations). */
  add_srv (resolver, "_submissions._tcp.asesoria.example", 0, 0, 465, "smtppro.zoho.eu.");

  /* An Outlook.com country variant that is not in the domain list: its MX
   * still says Outlook.com. */
  add_mx (resolver, "hotmail.com.mx", 10, "hotmail-com-mx.olc.protection.outlook.com");
  /* Google Workspace set up after 2023: one MX, smtp.google.com. */
  add_mx (resolver, "carpinteria.example", 1, "smtp.google.com");
  add_mx (resolver, "cerrajeria.example", 5, "aspmx2.googlemail.com");
  /* AOL shares yahoodns.net with Yahoo but not its servers. */
  add_mx (resolver, "aol.example", 10, "mx-aol.mail.gm0.yahoodns.net");
  add_mx (resolver, "yahoo.com.pe", 1, "mx-eu.mail.am0.yahoodns.net");
  /* Look-alike MX hosts. */
  add_mx (resolver, "falso.example", 10, "mail.protection.outlook.com.falso.example");
  add_mx (resolver, "falso2.example", 10, "evilmx.microsoft");
  /* RFC 7505 null MX: the domain receives no mail. */
  add_mx (resolver, "nulo.example", 0, ".");
  /* Regional and business servers follow the MX. */
  add_mx (resolver, "bodega.example", 10, "mx00.ionos.de");
  add_mx (resolver, "kiosco.example", 10, "mx01.kundenserver.de");
  add_mx (resolver, "ferreteria.example", 10, "mx.zoho.com");
  add_mx (resolver, "imprenta.example", 10, "mx.zoho.in");
  add_mx (resolver, "zapateria.example", 10, "mx00.emig.gmx.net");
  /* IDN: the resolver only ever sees the punycode name. */
  add_mx (resolver, "xn--fontanera-n5a.example", 10, "fontaneria-example.mail.protection.outlook.com");

  g_resolver_set_default (G_RESOLVER (resolver));
}

/* ------------------------------------------------------------------ */

static MjDetection *
detect (const char *address)
{
  g_autoptr(GError) error = NULL;
  MjDetection *detection = mj_detector_detect_sync (address, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (detection);
  return detection;
}

static void
assert_auth (MjDetection *d,
             const char  *first,
             const char  *second)
{
  const char * const *auth = mj_detection_get_auth_methods (d);

  g_assert_nonnull (auth);
  g_assert_cmpstr (auth[0], ==, first);
  g_assert_cmpstr (auth[1], ==, second);
  if (second != NULL)
    g_assert_null (auth[2]);
}

static void
test_outlook_consumer_domains (void)
{
  /* Thunderbird's ISPDB hotmail.com.xml, the Spanish-speaking markets
   * first, then other variants; case, spaces and a trailing dot as
   * people type them. */
  static const char * const addresses[] = {
    "ana@hotmail.com", "ana@hotmail.es", "ana@outlook.es", "ana@hotmail.cl", "ana@outlook.cl",
    "ana@live.cl", "ana@hotmail.com.ar", "ana@outlook.com.ar", "ana@live.com.ar",
    "ana@live.com.mx", "ana@outlook.com.br", "ana@hotmail.com.br", "ana@outlook.com",
    "ana@live.com", "ana@msn.com", "ana@windowslive.com", "ana@hotmail.co.uk", "ana@hotmail.fr",
    "ana@live.co.uk", "ana@outlook.pt", "ana@live.com.pt", "ana@hotmail.it", "ana@livemail.tw",
    "ANA@HOTMAIL.ES", "  ana@Outlook.Es  ", "ana@hotmail.es.", "outlook.com.ar",
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(MjDetection) d = detect (addresses[i]);

      g_test_message ("%s", addresses[i]);
      g_assert_cmpstr (mj_detection_get_provider_id (d), ==, "outlook.com");
      g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_DOMAIN);
      g_assert_cmpstr (mj_detection_get_host (d), ==, "smtp-mail.outlook.com");
      g_assert_cmpuint (mj_detection_get_port (d), ==, 587);
      g_assert_cmpint (mj_detection_get_security (d), ==, MJ_SECURITY_STARTTLS);
      /* Never a password path for Outlook.com. */
      assert_auth (d, "oauth2", NULL);
      g_assert_null (mj_detection_get_auth_methods (d)[1]);
      g_assert_cmpint (mj_detection_get_preferred_auth (d), ==, MJ_AUTH_OAUTH2);
      g_assert_null (mj_detection_get_seen_host (d));
    }
  /* No DNS was needed for any of them. */
  g_assert_cmpuint (resolver->queries->len, ==, 0);
}

static void
test_other_known_domains (void)
{
  static const struct {
    const char *address;
    const char *provider;
  } cases[] = {
    { "ana@gmail.com", "gmail" },
    { "ana@googlemail.com", "gmail" },
    { "ana@yahoo.com", "yahoo" },
    { "ana@yahoo.es", "yahoo" },
    { "ana@yahoo.com.mx", "yahoo" },
    { "ana@yahoo.com.ar", "yahoo" },
    { "ana@ymail.com", "yahoo" },
    { "ana@icloud.com", "icloud" },
    { "ana@me.com", "icloud" },
    { "ana@mac.com", "icloud" },
    { "ana@gmx.es", "gmx" },
    { "ana@gmx.com", "gmx" },
    { "ana@gmx.net", "gmx.net" },
    { "ana@gmx.de", "gmx.net" },
    { "ana@gmx.at", "gmx.net" },
    { "ana@zoho.com", "zoho" },
    { "ana@zohomail.com", "zoho" },
    { "ana@zohomail.eu", "zoho-eu" },
    { "ana@zohomail.in", "zoho-in" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MjDetection) d = detect (cases[i].address);

      g_test_message ("%s", cases[i].address);
      g_assert_cmpstr (mj_detection_get_provider_id (d), ==, cases[i].provider);
      g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_DOMAIN);
      g_assert_cmpstr (mj_detection_get_host (d), !=, "");
      g_assert_cmpint (mj_detection_get_preferred_auth (d), ==, MJ_AUTH_PASSWORD);
    }

  {
    g_autoptr(MjDetection) d = detect ("ana@gmail.com");

    g_assert_cmpstr (mj_detection_get_host (d), ==, "smtp.gmail.com");
    g_assert_cmpuint (mj_detection_get_port (d), ==, 587);
  }
  {
    g_autoptr(MjDetection) d = detect ("ana@yahoo.es");

    g_assert_cmpstr (mj_detection_get_host (d), ==, "smtp.mail.yahoo.com");
    g_assert_cmpuint (mj_detection_get_port (d), ==, 465);
    g_assert_cmpint (mj_detection_get_security (d), ==, MJ_SECURITY_TLS);
  }
  {
    /* gmx.net and gmx.com are one company with different servers
     * (ISPDB gmx.net.xml / gmx.com.xml). */
    g_autoptr(MjDetection) de = detect ("ana@gmx.de");
    g_autoptr(MjDetection) es = detect ("ana@gmx.es");

    g_assert_cmpstr (mj_detection_get_host (de), ==, "mail.gmx.net");
    g_assert_cmpstr (mj_detection_get_host (es), ==, "mail.gmx.com");
  }
  {
    /* Zoho personal addresses: the data centre's smtp host. */
    g_autoptr(MjDetection) us = detect ("ana@zoho.com");
    g_autoptr(MjDetection) eu = detect ("ana@zohomail.eu");

    g_assert_cmpstr (mj_detection_get_host (us), ==, "smtp.zoho.com");
    g_assert_cmpstr (mj_detection_get_host (eu), ==, "smtp.zoho.eu");
  }
  g_assert_cmpuint (resolver->queries->len, ==, 0);
}

/* Look-alikes of provider domains get no preset from the domain table
 * (Outlook.com's has no password path, so a wrong match is a dead end):
 * without a telling MX they are left to the user. */
static void
test_prefix_lookalikes (void)
{
  static const char * const addresses[] = {
    "ana@live.example.org", "ana@hotmail.evil.example", "ana@outlookconsulting.com",
    "ana@livestream.com", "ana@live.tv", "ana@outlook.example", "ana@yahoo.co.jp",
    "ana@yahoo.example.com", "ana@gmx.example",
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(MjDetection) d = detect (addresses[i]);

      g_test_message ("%s", addresses[i]);
      g_assert_cmpstr (mj_detection_get_provider_id (d), ==, "generic");
      g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_MANUAL);
      g_assert_null (mj_detector_lookup_domain (addresses[i]));
    }
}

/* A domain that is not in the table but whose MX is Outlook.com's or
 * Yahoo's still gets the preset, through DNS. */
static void
test_unlisted_variants_by_mx (void)
{
  {
    g_autoptr(MjDetection) d = detect ("ana@hotmail.com.mx");

    g_assert_null (mj_detector_lookup_domain ("ana@hotmail.com.mx"));
    g_assert_cmpstr (mj_detection_get_provider_id (d), ==, "outlook.com");
    g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_MX);
    assert_auth (d, "oauth2", NULL);
  }
  {
    g_autoptr(MjDetection) d = detect ("ana@yahoo.com.pe");

    g_assert_cmpstr (mj_detection_get_provider_id (d), ==, "yahoo");
    g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_MX);
  }
  {
    /* AOL's MX is under yahoodns.net too, but AOL is not Yahoo Mail. */
    g_autoptr(MjDetection) d = detect ("ana@aol.example");

    g_assert_cmpstr (mj_detection_get_provider_id (d), ==, "generic");
  }
}

static void
test_mx (void)
{
  static const struct {
    const char *address;
    const char *provider;
    const char *seen;
  } cases[] = {
    { "facturas@contoso.example", "microsoft365", "contoso-example.mail.protection.outlook.com" },
    { "facturas@fabrikam.example", "microsoft365", "fabrikam-example.r-v1.mx.microsoft" },
    { "ana@familia-perez.example", "outlook.com", "familia-perez-example.olc.protection.outlook.com" },
    { "ana@fontaneria.example", "google-workspace", "aspmx.l.google.com" },
    { "ana@carpinteria.example", "google-workspace", "smtp.google.com" },
    { "ana@cerrajeria.example", "google-workspace", "aspmx2.googlemail.com" },
    { "ana@tienda.example", "zoho-eu", "mx.zoho.eu" },
    { "ana@panaderia.example", "ionos", "mx00.ionos.es" },
    { "ana@estudio.example", "icloud", "mx01.mail.icloud.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MjDetection) d = detect (cases[i].address);

      g_test_message ("%s", cases[i].address);
      g_assert_cmpstr (mj_detection_get_provider_id (d), ==, cases[i].provider);
      g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_MX);
      g_assert_cmpstr (mj_detection_get_seen_host (d), ==, cases[i].seen);
    }

  {
    g_autoptr(MjDetection) d = detect ("facturas@contoso.example");

    g_assert_cmpstr (mj_detection_get_host (d), ==, "smtp.office365.com");
    g_assert_cmpuint (mj_detection_get_port (d), ==, 587);
    g_assert_cmpint (mj_detection_get_security (d), ==, MJ_SECURITY_STARTTLS);
    /* Sign in with Microsoft first, the password only as a fallback. */
    assert_auth (d, "oauth2", "password");
    g_assert_cmpstr (mj_detection_get_domain (d), ==, "contoso.example");
  }
  {
    /* Google Workspace: smtp.gmail.com with an app password. */
    g_autoptr(MjDetection) d = detect ("ana@carpinteria.example");

    g_assert_cmpstr (mj_detection_get_host (d), ==, "smtp.gmail.com");
    assert_auth (d, "password", NULL);
  }
}

/* The submission server follows the MX: IONOS per country, Zoho's
 * smtppro.* for organisation domains (Zoho's SMTP help page). */
static void
test_mx_regional_hosts (void)
{
  static const struct {
    const char *address;
    const char *provider;
    const char *host;
  } cases[] = {
    { "ana@panaderia.example", "ionos", "smtp.ionos.es" },
    { "ana@bodega.example", "ionos", "smtp.ionos.de" },
    { "ana@kiosco.example", "ionos", "smtp.ionos.de" },
    { "ana@tienda.example", "zoho-eu", "smtppro.zoho.eu" },
    { "ana@ferreteria.example", "zoho", "smtppro.zoho.com" },
    { "ana@imprenta.example", "zoho-in", "smtppro.zoho.in" },
    { "ana@zapateria.example", "gmx.net", "mail.gmx.net" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MjDetection) d = detect (cases[i].address);

      g_test_message ("%s", cases[i].address);
      g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_MX);
      g_assert_cmpstr (mj_detection_get_provider_id (d), ==, cases[i].provider);
      g_assert_cmpstr (mj_detection_get_host (d), ==, cases[i].host);
    }
}

/* MX hosts that only look like a provider's, and a null MX: nothing. */
static void
test_mx_lookalikes (void)
{
  static const char * const addresses[] = {
    "ana@falso.example", "ana@falso2.example", "ana@nulo.example",
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(MjDetection) d = detect (addresses[i]);

      g_test_message ("%s", addresses[i]);
      g_assert_cmpstr (mj_detection_get_provider_id (d), ==, "generic");
      g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_MANUAL);
    }
}

/* Internationalised domains: typed in Unicode (any case), looked up as
 * punycode, reported as punycode. */
static void
test_idn (void)
{
  static const char * const addresses[] = {
    "ana@fontanería.example", "ana@FONTANERÍA.EXAMPLE", "ana@xn--fontanera-n5a.example.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(MjDetection) d = detect (addresses[i]);

      g_test_message ("%s", addresses[i]);
      g_assert_cmpstr (mj_detection_get_provider_id (d), ==, "microsoft365");
      g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_MX);
      g_assert_cmpstr (mj_detection_get_domain (d), ==, "xn--fontanera-n5a.example");
    }
}

static void
test_srv (void)
{
  {
    g_autoptr(MjDetection) d = detect ("ana@taller.example");

    g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_SRV);
    g_assert_cmpstr (mj_detection_get_provider_id (d), ==, "generic");
    g_assert_cmpstr (mj_detection_get_host (d), ==, "mail.taller.example");
    g_assert_cmpuint (mj_detection_get_port (d), ==, 587);
    g_assert_cmpint (mj_detection_get_security (d), ==, MJ_SECURITY_STARTTLS);
    assert_auth (d, "password", NULL);
  }
  {
    g_autoptr(MjDetection) d = detect ("ana@gestoria.example");

    g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_SRV);
    g_assert_cmpstr (mj_detection_get_host (d), ==, "smtp1.gestoria.example");
    g_assert_cmpuint (mj_detection_get_port (d), ==, 465);
    g_assert_cmpint (mj_detection_get_security (d), ==, MJ_SECURITY_TLS);
  }
  {
    g_autoptr(MjDetection) d = detect ("ana@despacho.example");

    g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_SRV);
    g_assert_cmpstr (mj_detection_get_provider_id (d), ==, "microsoft365");
    g_assert_cmpstr (mj_detection_get_host (d), ==, "smtp.office365.com");
  }
  {
    g_autoptr(MjDetection) d = detect ("ana@nosubmit.example");

    g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_MANUAL);
  }
  {
    g_autoptr(MjDetection) d = detect ("ana@pesos.example");

    g_assert_cmpstr (mj_detection_get_host (d), ==, "heavy.pesos.example");
  }
  {
    /* "." for _submissions, a real target for _submission: STARTTLS there,
     * the target lower-cased without its trailing dot. */
    g_autoptr(MjDetection) d = detect ("ana@solo587.example");

    g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_SRV);
    g_assert_cmpstr (mj_detection_get_host (d), ==, "mail.solo587.example");
    g_assert_cmpuint (mj_detection_get_port (d), ==, 587);
    g_assert_cmpint (mj_detection_get_security (d), ==, MJ_SECURITY_STARTTLS);
  }
  {
    g_autoptr(MjDetection) d = detect ("ana@asesoria.example");

    g_assert_cmpstr (mj_detection_get_provider_id (d), ==, "zoho-eu");
    g_assert_cmpstr (mj_detection_get_host (d), ==, "smtppro.zoho.eu");
    g_assert_cmpint (mj_detection_get_security (d), ==, MJ_SECURITY_TLS);
  }
}

static void
test_manual (void)
{
  g_autoptr(MjDetection) d = NULL;

  g_ptr_array_set_size (resolver->queries, 0);
  d = detect ("ana@nada.example");
  g_assert_cmpint (mj_detection_get_source (d), ==, MJ_DETECT_SOURCE_MANUAL);
  g_assert_cmpstr (mj_detection_get_provider_id (d), ==, "generic");
  g_assert_cmpstr (mj_detection_get_host (d), ==, "");
  g_assert_cmpuint (mj_detection_get_port (d), ==, 587);
  g_assert_null (mj_detection_get_seen_host (d));
  /* MX first, then both SRV names. */
  g_assert_cmpuint (resolver->queries->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (resolver->queries, 0), ==, "mx:nada.example");
  g_assert_cmpstr (g_ptr_array_index (resolver->queries, 1), ==, "srv:_submissions._tcp.nada.example");
  g_assert_cmpstr (g_ptr_array_index (resolver->queries, 2), ==, "srv:_submission._tcp.nada.example");
}

static void
test_bad_addresses (void)
{
  static const char * const addresses[] = {
    "", "ana", "ana@", "@", "ana@localhost", "ana@exa mple.com", "ana@.example.com",
    "ana@example..com", "ana@-example.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MjDetection) d = mj_detector_detect_sync (addresses[i], NULL, &error);

      g_test_message ("“%s”", addresses[i]);
      g_assert_null (d);
      g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_ADDRESS);
    }
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjDetection) d = NULL;
  gint64 start = g_get_monotonic_time ();

  mj_detector_detect_async ("ana@" HANGING_DOMAIN, cancellable, done_cb, &result);
  g_timeout_add (50, cancel_cb, cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  d = mj_detector_detect_finish (result, &error);
  g_assert_null (d);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
test_cli_json (void)
{
  g_autoptr(MjTestRun) run = mj_test_run_cli (NULL, "account", "detect", "ana@hotmail.es",
                                              "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;
  JsonObject *limits;
  JsonArray *auth;

  g_test_message ("%s%s", run->out, run->err);
  g_assert_cmpint (run->status, ==, 0);
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "provider"), ==, "outlook.com");
  g_assert_cmpstr (json_object_get_string_member (o, "host"), ==, "smtp-mail.outlook.com");
  g_assert_cmpint (json_object_get_int_member (o, "port"), ==, 587);
  g_assert_cmpstr (json_object_get_string_member (o, "security"), ==, "starttls");
  g_assert_cmpstr (json_object_get_string_member (o, "found_by"), ==, "domain");
  auth = json_object_get_array_member (o, "auth");
  g_assert_cmpuint (json_array_get_length (auth), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (auth, 0), ==, "oauth2");
  /* What the queue will pace to (facts sheet §3b). */
  limits = json_object_get_object_member (o, "limits");
  g_assert_nonnull (limits);
  g_assert_cmpint (json_object_get_int_member (limits, "max_message_bytes"), ==, 25 * 1024 * 1024);
  g_assert_cmpint (json_object_get_int_member (limits, "recipients_per_message"), ==, 500);
  g_assert_cmpint (json_object_get_int_member (limits, "recipients_per_day"), >, 0);
}

static void
test_cli_text (void)
{
  g_autoptr(MjTestRun) run = mj_test_run_cli (NULL, "--lang", "es", "account", "detect",
                                              "ana@gmail.com", NULL);
  g_autoptr(MjTestRun) bad = mj_test_run_cli (NULL, "account", "detect", "no-es-una-direccion",
                                              NULL);

  g_test_message ("%s%s", run->out, run->err);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "smtp.gmail.com"));
  g_assert_nonnull (strstr (run->out, "Gmail"));
  g_assert_cmpint (bad->status, ==, 1);
  g_assert_cmpstr (bad->out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  install_resolver ();

  g_test_add_func ("/detector/outlook-consumer-domains", test_outlook_consumer_domains);
  g_test_add_func ("/detector/other-known-domains", test_other_known_domains);
  g_test_add_func ("/detector/prefix-lookalikes", test_prefix_lookalikes);
  g_test_add_func ("/detector/unlisted-variants-by-mx", test_unlisted_variants_by_mx);
  g_test_add_func ("/detector/mx", test_mx);
  g_test_add_func ("/detector/mx-regional-hosts", test_mx_regional_hosts);
  g_test_add_func ("/detector/mx-lookalikes", test_mx_lookalikes);
  g_test_add_func ("/detector/idn", test_idn);
  g_test_add_func ("/detector/srv", test_srv);
  g_test_add_func ("/detector/manual", test_manual);
  g_test_add_func ("/detector/bad-addresses", test_bad_addresses);
  g_test_add_func ("/detector/cancel", test_cancel);
  g_test_add_func ("/detector/cli-json", test_cli_json);
  g_test_add_func ("/detector/cli-text", test_cli_text);

  return g_test_run ();
}
