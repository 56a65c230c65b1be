#define G_LOG_DOMAIN "mj-app-password-texts"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-app-password-texts.h"
#include "mj-provider.h"

/*
 * One entry per provider that still accepts a password over SMTP. The
 * texts are English msgids; the GUI (gettext) and the command line (M_())
 * translate them, so the same guide reads the same everywhere.
 * Outlook.com is missing on purpose: Microsoft refuses passwords, app
 * passwords included, for personal accounts since September 2024.
 */
static const MjAppPasswordTexts texts[] = {
  {
    "gmail",
    N_("app password"),
    N_("Two-step verification means that signing in asks for a second proof besides your password, such as a code on your phone. Google only lets you make app passwords when two-step verification is on for your Google Account."),
    N_("Open your Google Account's app passwords page.\n"
       "If Google says the page is not available, turn on two-step verification under Security first.\n"
       "Type a name you will recognise, for example “Mensajero”, and choose Create.\n"
       "Copy the password Google shows you: it is shown only once."),
    N_("Sixteen letters in four groups of four. The spaces do not matter."),
    "abcd efgh ijkl mnop",
    N_("Paste it in the Password field below. Do not use your usual Google password: Google refuses it here."),
    NULL,
  },
  {
    /* Same steps as Gmail; the organisation's administrator decides whether
     * app passwords exist at all. */
    "google-workspace",
    N_("app password"),
    N_("Two-step verification means that signing in asks for a second proof besides your password, such as a code on your phone. Google only lets you make app passwords when two-step verification is on for your Google Account."),
    N_("Open your Google Account's app passwords page.\n"
       "If Google says the page is not available, turn on two-step verification under Security first.\n"
       "Type a name you will recognise, for example “Mensajero”, and choose Create.\n"
       "Copy the password Google shows you: it is shown only once."),
    N_("Sixteen letters in four groups of four. The spaces do not matter."),
    "abcd efgh ijkl mnop",
    N_("Paste it in the Password field below. Do not use your usual Google password: Google refuses it here."),
    N_("In a Google Workspace organisation the administrator decides whether app passwords may be used. If the page stays unavailable with two-step verification on, ask your administrator."),
  },
  {
    "yahoo",
    N_("app password"),
    N_("Two-step verification means that signing in asks for a second proof besides your password, such as a code on your phone. Yahoo asks mail programs for an app password instead of your usual password."),
    N_("Open your Yahoo account's security page.\n"
       "Choose “Generate app password” (if you do not see it, turn on two-step verification first).\n"
       "Type a name such as “Mensajero” and choose Generate password.\n"
       "Copy the password Yahoo shows you: it is shown only once."),
    N_("Sixteen lower-case letters, with no spaces."),
    "abcdefghijklmnop",
    N_("Paste it in the Password field below."),
    NULL,
  },
  {
    "icloud",
    N_("app-specific password"),
    N_("Two-factor authentication means that signing in asks for a second proof besides your password, a code shown on one of your Apple devices. Apple only gives app-specific passwords to Apple Accounts with two-factor authentication turned on."),
    N_("Open your Apple Account page and sign in.\n"
       "Under Sign-In and Security, choose App-Specific Passwords.\n"
       "Choose the add button, type a name such as “Mensajero” and choose Create.\n"
       "Copy the password Apple shows you: it is shown only once."),
    N_("Four groups of four lower-case letters joined by dashes."),
    "abcd-efgh-ijkl-mnop",
    N_("Paste it in the Password field below. The user name is your full iCloud address."),
    NULL,
  },
  {
    "zoho",
    N_("application-specific password"),
    N_("Two-factor authentication means that signing in asks for a second proof besides your password, such as a code from the Zoho OneAuth app. When it is on, mail programs need an application-specific password."),
    N_("Open the App Passwords section of your Zoho account's security settings.\n"
       "Choose Generate New Password and type a name such as “Mensajero”.\n"
       "Copy the password Zoho shows you: it is shown only once."),
    N_("A mix of letters and numbers, usually twelve characters long."),
    "a1B2c3D4e5F6",
    N_("Paste it in the Password field below. Without two-factor authentication, your usual Zoho password works."),
    NULL,
  },
  {
    "gmx",
    N_("password"),
    N_("Two-factor authentication means that signing in asks for a second proof besides your password. GMX accepts your usual password from mail programs, but only after you allow access by mail programs in its settings; with two-factor authentication on, it needs an application-specific password instead."),
    N_("Sign in to GMX in your web browser.\n"
       "Open E-mail settings, then POP3 & IMAP, and tick “Send and receive emails via external program”; save.\n"
       "If two-factor authentication is on, make an application-specific password in the account's security settings."),
    N_("Your usual GMX password, or the application-specific password GMX showed you."),
    NULL,
    N_("Type or paste it in the Password field below. The user name is your full GMX address."),
    NULL,
  },
  {
    "ionos",
    N_("mailbox password"),
    N_("IONOS mailboxes do not use two-step verification for mail programs: the password is the one set for this mailbox, which is not the password of your IONOS customer account."),
    N_("If you do not know the mailbox password, sign in to your IONOS control panel.\n"
       "Open Email, choose this mailbox and set a new password there."),
    N_("The password you chose for this mailbox."),
    NULL,
    N_("Type or paste it in the Password field below. The user name is your full email address."),
    NULL,
  },
  {
    "microsoft365",
    N_("password"),
    N_("Two-step verification (Microsoft calls it multifactor authentication) means that signing in asks for a second proof besides your password. If your organisation uses it and allows app passwords, mail programs need an app password; otherwise they use your usual work password."),
    N_("Ask your IT administrator whether SMTP sign-in with a password is allowed for your mailbox: it is often switched off.\n"
       "If your organisation uses app passwords, open your Microsoft security info page, choose Add sign-in method, then App password.\n"
       "Copy the password Microsoft shows you: it is shown only once."),
    N_("An app password is sixteen lower-case letters; otherwise it is your usual work password."),
    "abcdefghijklmnop",
    N_("Paste it in the Password field below. The user name is your full work address."),
    N_("Microsoft turns password sign-in for sending mail off by default at the end of December 2026. “Sign in with Microsoft” keeps working after that, so it is the recommended choice."),
  },
};

static const MjAppPasswordTexts *
lookup_exact (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (texts[i].provider_id, id))
      return &texts[i];
  return NULL;
}

/**
 * mj_app_password_texts_lookup:
 * @provider_id: an id of providers.ini
 *
 * Presets of one provider's other regions or server families ("zoho-eu",
 * "gmx.net") share its guide through their `guide` key.
 *
 * Returns: (transfer none) (nullable): the guide for @provider_id, or %NULL
 * when the provider has none (Outlook.com, generic servers).
 */
const MjAppPasswordTexts *
mj_app_password_texts_lookup (const char *provider_id)
{
  const MjAppPasswordTexts *found;
  MjProvider *provider;

  g_return_val_if_fail (provider_id != NULL, NULL);

  found = lookup_exact (provider_id);
  if (found != NULL)
    return found;
  provider = mj_provider_lookup (provider_id);
  if (provider != NULL && g_strcmp0 (mj_provider_get_guide_id (provider), provider_id) != 0)
    return lookup_exact (mj_provider_get_guide_id (provider));
  return NULL;
}

/**
 * mj_app_password_texts_get_all:
 * @n_texts: (out): the number of entries
 *
 * Returns: (transfer none) (array length=n_texts): every guide.
 */
const MjAppPasswordTexts *
mj_app_password_texts_get_all (guint *n_texts)
{
  g_return_val_if_fail (n_texts != NULL, NULL);

  *n_texts = G_N_ELEMENTS (texts);
  return texts;
}
