#define G_LOG_DOMAIN "mj-queue-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-application.h"
#include "mj-explainer.h"
#include "mj-explanation-card.h"
#include "mj-queue-page.h"
#include "mj-smtp-reply.h"

typedef enum {
  COLUMN_STATE,
  COLUMN_TO,
  COLUMN_SUBJECT,
  COLUMN_ATTEMPTS,
  COLUMN_REPLY,
  COLUMN_TIME,
  N_COLUMNS
} Column;

static const struct {
  const char *title;
  const char *property;
  gboolean expand;
} columns[N_COLUMNS] = {
  [COLUMN_STATE] = { N_("State"), "state", FALSE },
  [COLUMN_TO] = { N_("Recipient"), "to", TRUE },
  [COLUMN_SUBJECT] = { N_("Invoice"), "subject", TRUE },
  [COLUMN_ATTEMPTS] = { N_("Attempts"), "attempts", FALSE },
  [COLUMN_REPLY] = { N_("Last server reply"), "last-reply", TRUE },
  [COLUMN_TIME] = { N_("Time"), "updated", FALSE },
};

struct _MjQueuePage
{
  AdwBin parent_instance;

  MjQueue *queue;
  GtkFilterListModel *filtered;
  GtkCustomFilter *filter;
  GtkSingleSelection *selection;
  MjQueueItem *selected;          /* weak: the selection holds it */
  gulong selected_handler;

  /* Filter settings, read by filter_func(). */
  guint states;
  char *client;
  char *search;
  GDateTime *since;

  /* Template children */
  GtkSearchEntry *search_entry;
  GtkEntry *client_entry;
  GtkDropDown *state_dropdown;
  GtkDropDown *date_dropdown;
  GtkToggleButton *pause_button;
  GtkLabel *quota_label;
  GtkProgressBar *progress_bar;
  GtkStack *content_stack;
  AdwStatusPage *status_page;
  GtkColumnView *column_view;
  GtkActionBar *action_bar;
  GtkWidget *retry_button;
  GtkWidget *resend_button;
  GtkWidget *mark_sent_button;
};

G_DEFINE_FINAL_TYPE (MjQueuePage, mj_queue_page, ADW_TYPE_BIN)

GtkWidget *
mj_queue_page_new (void)
{
  return g_object_new (MJ_TYPE_QUEUE_PAGE, NULL);
}

/* ------------------------------------------------------------------ */
/* Cells                                                                */

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (unix_time <= 0)
    return g_strdup ("");
  dt = g_date_time_new_from_unix_local (unix_time);
  if (g_date_time_get_year (dt) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (dt) == g_date_time_get_day_of_year (now))
    return g_date_time_format (dt, "%H:%M");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

/* What the server said, in words: a refusal is named ("The recipient's
 * address does not exist (550 5.1.1)"), an acceptance is shown as the
 * server wrote it, as proof. The raw reply is the cell's tooltip. */
static char *
reply_summary (MjQueueItem *item)
{
  const char *reply = mj_queue_item_get_last_reply (item);
  g_autoptr(MjSmtpReply) parsed = NULL;
  g_autoptr(MjExplanation) explanation = NULL;

  if (reply == NULL || reply[0] == '\0')
    return g_strdup (mj_queue_item_get_last_error (item));
  parsed = mj_smtp_reply_parse (reply);
  if (parsed->code < 400)
    return g_strdup (reply);
  explanation = mj_explainer_explain_reply (parsed);
  if (mj_explanation_get_enhanced_status (explanation) != NULL)
    return g_strdup_printf ("%s (%u %s)", mj_explanation_get_title_ui (explanation), parsed->code,
                            mj_explanation_get_enhanced_status (explanation));
  return g_strdup_printf ("%s (%u)", mj_explanation_get_title_ui (explanation), parsed->code);
}

static void
update_cell (GtkListItem *list_item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "mj-column"));
  MjQueueItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  if (item == NULL || child == NULL)
    return;

  switch (column)
    {
    case COLUMN_STATE:
      {
        GtkWidget *image = gtk_widget_get_first_child (child);
        GtkWidget *label = gtk_widget_get_next_sibling (image);
        MjQueueState state = mj_queue_item_get_state (item);

        g_autofree char *tooltip = NULL;

        gtk_image_set_from_icon_name (GTK_IMAGE (image), mj_queue_state_get_icon_name (state));
        gtk_label_set_label (GTK_LABEL (label), mj_queue_state_get_label (state));
        /* Colour says at a glance what needs the user: red failed, yellow
         * will retry or is uncertain, green sent. */
        gtk_widget_remove_css_class (image, "success");
        gtk_widget_remove_css_class (image, "warning");
        gtk_widget_remove_css_class (image, "error");
        if (state == MJ_QUEUE_STATE_SENT)
          gtk_widget_add_css_class (image, "success");
        else if (state == MJ_QUEUE_STATE_RETRY || state == MJ_QUEUE_STATE_UNCERTAIN)
          gtk_widget_add_css_class (image, "warning");
        else if (state == MJ_QUEUE_STATE_FAILED)
          gtk_widget_add_css_class (image, "error");
        if (state == MJ_QUEUE_STATE_RETRY && mj_queue_item_get_next_attempt (item) > 0)
          {
            g_autofree char *when = format_time (mj_queue_item_get_next_attempt (item));

            /* Translators: %s is a time ("16:45") or a date and time. */
            tooltip = g_strdup_printf (_("Next try at %s"), when);
          }
        gtk_widget_set_tooltip_text (child, tooltip != NULL ? tooltip : mj_queue_state_get_label (state));
        return;
      }
    case COLUMN_TO:
      text = g_strdup (mj_queue_item_get_to (item));
      break;
    case COLUMN_SUBJECT:
      text = g_strdup (mj_queue_item_get_subject (item));
      break;
    case COLUMN_ATTEMPTS:
      text = g_strdup_printf ("%u", mj_queue_item_get_attempts (item));
      break;
    case COLUMN_REPLY:
      text = reply_summary (item);
      break;
    case COLUMN_TIME:
      text = format_time (mj_queue_item_get_sent (item) > 0 ? mj_queue_item_get_sent (item)
                                                             : mj_queue_item_get_updated (item));
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (GTK_LABEL (child), text != NULL ? text : "");
  if (column == COLUMN_REPLY)
    gtk_widget_set_tooltip_text (child, mj_queue_item_get_last_reply (item));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  g_object_set_data (G_OBJECT (list_item), "mj-column", user_data);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_STATE)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_box_append (GTK_BOX (box), gtk_image_new ());
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (list_item, box);
    }
  else
    {
      if (column == COLUMN_ATTEMPTS)
        gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      if (column == COLUMN_TIME || column == COLUMN_ATTEMPTS)
        gtk_widget_add_css_class (label, "numeric");
      gtk_list_item_set_child (list_item, label);
    }
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  MjQueueItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *signal = g_strdup_printf ("notify::%s", columns[column].property);
  gulong handler;

  update_cell (list_item);
  /* Rows follow their item while sending goes on. */
  handler = g_signal_connect_object (item, signal, G_CALLBACK (update_cell), list_item,
                                     G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (list_item), "mj-handler", GSIZE_TO_POINTER (handler));
  if (column == COLUMN_TIME)
    {
      handler = g_signal_connect_object (item, "notify::sent", G_CALLBACK (update_cell), list_item,
                                         G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (list_item), "mj-handler2", GSIZE_TO_POINTER (handler));
    }
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  MjQueueItem *item = gtk_list_item_get_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "mj-handler"));
  gulong handler2 = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "mj-handler2"));

  if (item != NULL && handler != 0)
    g_signal_handler_disconnect (item, handler);
  if (item != NULL && handler2 != 0)
    g_signal_handler_disconnect (item, handler2);
  g_object_set_data (G_OBJECT (list_item), "mj-handler", NULL);
  g_object_set_data (G_OBJECT (list_item), "mj-handler2", NULL);
}

static int
state_column_width (GtkWidget *widget)
{
  int widest = 0;

  for (guint i = 0; i < MJ_QUEUE_N_STATES; i++)
    {
      GtkWidget *label = gtk_label_new (mj_queue_state_get_label (i));
      int natural = 0;

      /* Measured with the page's font settings. */
      g_object_ref_sink (label);
      gtk_widget_set_parent (label, widget);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      gtk_widget_unparent (label);
      g_object_unref (label);
      widest = MAX (widest, natural);
    }
  /* Icon, spacing and the cell's padding; the long "Uncertain — check
   * your Sent folder" may be cut (its tooltip has it whole). */
  return MIN (widest, 120) + 16 + 6 + 24;
}

static void
add_columns (MjQueuePage *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      /* The state must stay readable when the window is narrow: as wide as
       * its longest name ("Se reintentará") plus the icon. */
      if (i == COLUMN_STATE)
        gtk_column_view_column_set_fixed_width (column, state_column_width (GTK_WIDGET (self)));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

/* ------------------------------------------------------------------ */
/* Filter                                                               */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  MjQueuePage *self = user_data;

  return mj_queue_item_matches (MJ_QUEUE_ITEM (item), self->states, self->client, self->since,
                                NULL, self->search);
}

static void
filter_changed_cb (MjQueuePage *self)
{
  guint state_index = gtk_drop_down_get_selected (self->state_dropdown);
  guint date_index = gtk_drop_down_get_selected (self->date_dropdown);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *client = gtk_editable_get_text (GTK_EDITABLE (self->client_entry));
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* The template's controls report their first values before init ends. */
  if (self->filter == NULL)
    return;

  /* Entry 0 is "every state", then the states in enum order. */
  self->states = state_index == 0 || state_index == GTK_INVALID_LIST_POSITION
                 ? 0 : 1u << (state_index - 1);
  g_free (self->search);
  self->search = g_strdup (search);
  g_free (self->client);
  self->client = g_strdup (client);

  g_clear_pointer (&self->since, g_date_time_unref);
  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  switch (date_index)
    {
    case 1:
      self->since = g_date_time_ref (today);
      break;
    case 2:
      self->since = g_date_time_add_days (today, -6);
      break;
    case 3:
      self->since = g_date_time_add_days (today, -29);
      break;
    default:
      break;
    }

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
mj_queue_page_set_state_filter (MjQueuePage *self,
                                int          state)
{
  g_return_if_fail (MJ_IS_QUEUE_PAGE (self));
  g_return_if_fail (state >= -1 && state < MJ_QUEUE_N_STATES);

  gtk_drop_down_set_selected (self->state_dropdown, (guint) (state + 1));
}

void
mj_queue_page_set_search (MjQueuePage *self,
                          const char  *text)
{
  g_return_if_fail (MJ_IS_QUEUE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Do not wait for the entry's search delay. */
  filter_changed_cb (self);
}

GListModel *
mj_queue_page_get_visible_items (MjQueuePage *self)
{
  g_return_val_if_fail (MJ_IS_QUEUE_PAGE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

gboolean
mj_queue_page_is_filtering (MjQueuePage *self)
{
  g_return_val_if_fail (MJ_IS_QUEUE_PAGE (self), FALSE);
  return gtk_filter_list_model_get_pending (self->filtered) > 0;
}

/* ------------------------------------------------------------------ */
/* Status: empty page, quota, progress, pause                           */

static MjAccountStore *
get_accounts (MjQueuePage *self)
{
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());

  if (MJ_IS_APPLICATION (app))
    return mj_application_get_account_store (MJ_APPLICATION (app));
  return NULL;
}

static void
update_quota (MjQueuePage *self)
{
  MjAccountStore *accounts = get_accounts (self);
  MjAccount *account = accounts != NULL ? mj_account_store_get_default (accounts) : NULL;
  g_autofree char *text = NULL;

  if (self->queue != NULL && account != NULL)
    text = mj_queue_format_quota (self->queue, mj_account_get_name (account));
  gtk_label_set_label (self->quota_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->quota_label), text != NULL);
}

static void
update_progress (MjQueuePage *self)
{
  guint total = 0, done = 0;
  gboolean busy = self->queue != NULL && mj_queue_get_busy (self->queue);

  if (self->queue != NULL)
    g_object_get (self->queue, "batch-total", &total, "batch-done", &done, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy && total > 0);
  if (busy && total > 0)
    {
      g_autofree char *text = NULL;

      gtk_progress_bar_set_fraction (self->progress_bar, (double) MIN (done, total) / total);
      /* Translators: progress of the send queue. */
      text = g_strdup_printf (_("Sending %u of %u"), MIN (done + 1, total), total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
}

static void
items_changed_cb (MjQueuePage *self)
{
  guint n = self->queue != NULL ? g_list_model_get_n_items (mj_queue_get_items (self->queue)) : 0;
  const char *page = "list";

  /* The filter model outlives the template children in dispose. */
  if (self->content_stack == NULL)
    return;
  if (n == 0)
    page = "empty";
  /* Items exist but the search and filters hide them all. */
  else if (self->filtered != NULL &&
           gtk_filter_list_model_get_pending (self->filtered) == 0 &&
           g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    page = "no-results";
  gtk_stack_set_visible_child_name (self->content_stack, page);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  MjQueuePage *self = MJ_QUEUE_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->client_entry), "");
  gtk_drop_down_set_selected (self->state_dropdown, 0);
  gtk_drop_down_set_selected (self->date_dropdown, 0);
  filter_changed_cb (self);
}

/* A desktop notification when the user is elsewhere; an in-window toast
 * when they are looking at Mensajero (GNOME HIG: no notifications for the
 * application in focus). */
static void
send_notification (MjQueuePage *self,
                   gboolean     quiet_when_shown,
                   const char  *title,
                   const char  *body)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GNotification) notification = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL && GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root)))
    {
      g_autoptr(GString) text = g_string_new (title);
      AdwToast *toast;

      /* On this page the list already says it. */
      if (quiet_when_shown && gtk_widget_get_mapped (GTK_WIDGET (self)))
        return;
      if (body != NULL && body[0] != '\0')
        g_string_append_printf (text, ". %s", body);
      toast = adw_toast_new (text->str);
      if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
        {
          adw_toast_set_button_label (toast, _("_Show"));
          adw_toast_set_detailed_action_name (toast, "win.show-page::queue");
        }
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }
  if (app == NULL)
    return;
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.activate");
  /* One id: a later batch replaces the notice of the previous one. */
  g_application_send_notification (app, "queue", notification);
}

static void
batch_finished_cb (MjQueuePage             *self,
                   const MjQueueRunSummary *summary)
{
  g_autofree char *body = NULL;

  update_quota (self);
  update_progress (self);
  /* States changed: a state filter must see them. */
  if (self->states != 0)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (summary->failed + summary->retry + summary->paused_accounts == 0)
    {
      body = g_strdup_printf (ngettext ("%u invoice sent.", "%u invoices sent.", summary->sent),
                              summary->sent);
      send_notification (self, TRUE, _("Invoices sent"), body);
    }
  else
    {
      /* Translators: the end of a batch that needs the user's eye. */
      body = g_strdup_printf (_("Sent: %u. To retry: %u. Failed: %u."), summary->sent,
                              summary->retry, summary->failed);
      send_notification (self, FALSE, _("Some invoices did not go out"), body);
    }
}

static void
attention_cb (MjQueuePage *self,
              const char  *account,
              const char  *message)
{
  g_autofree char *title = g_strdup_printf (_("Sending from %s is paused"), account);
  MjAccountStore *accounts = get_accounts (self);
  MjAccount *paused = accounts != NULL ? mj_account_store_lookup (accounts, account) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  /* A Microsoft sign-in that is gone: lead to "Sign In Again…" of the
   * accounts window. */
  if (paused != NULL && mj_account_get_auth (paused) == MJ_AUTH_OAUTH2 &&
      overlay != NULL && GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root)))
    {
      g_autofree char *text = g_strdup_printf ("%s. %s", title, message != NULL ? message : "");
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _("Sign _In Again…"));
      adw_toast_set_action_name (toast, "win.accounts");
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }
  send_notification (self, FALSE, title, message);
}

static void
pause_toggled_cb (MjQueuePage *self)
{
  MjAccountStore *accounts = get_accounts (self);
  gboolean pause = gtk_toggle_button_get_active (self->pause_button);
  guint n;

  if (self->queue == NULL || accounts == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MjAccount) account = g_list_model_get_item (G_LIST_MODEL (accounts), i);
      g_autoptr(GError) error = NULL;
      gboolean ok = pause ? mj_queue_pause_account (self->queue, mj_account_get_name (account), &error)
                          : mj_queue_resume_account (self->queue, mj_account_get_name (account), &error);

      if (!ok)
        g_warning ("%s", error->message);
    }
  gtk_button_set_icon_name (GTK_BUTTON (self->pause_button),
                            pause ? "media-playback-start-symbolic" : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                               pause ? _("Resume sending") : _("Pause sending"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  pause ? _("Resume sending") : _("Pause sending"), -1);
}

/* ------------------------------------------------------------------ */
/* Actions on the selected item                                         */

static void
update_actions (MjQueuePage *self)
{
  MjQueueItem *item = self->selected;
  MjQueueState state = item != NULL ? mj_queue_item_get_state (item) : MJ_QUEUE_STATE_SENDING;
  gboolean has_item = item != NULL;
  const char * const *paths = has_item ? mj_queue_item_get_attachment_paths (item) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.retry",
                                 has_item && (state == MJ_QUEUE_STATE_FAILED ||
                                              state == MJ_QUEUE_STATE_RETRY ||
                                              state == MJ_QUEUE_STATE_CANCELLED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.resend",
                                 has_item && state == MJ_QUEUE_STATE_UNCERTAIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.mark-sent",
                                 has_item && state == MJ_QUEUE_STATE_UNCERTAIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.cancel",
                                 has_item && mj_queue_state_can_change (state, MJ_QUEUE_STATE_CANCELLED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.details", has_item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.open-pdf",
                                 paths != NULL && paths[0] != NULL);

  /* Only what applies to this invoice is offered; the bar shows with a selection. */
  gtk_widget_set_visible (self->retry_button,
                          has_item &&
                          (state == MJ_QUEUE_STATE_FAILED || state == MJ_QUEUE_STATE_RETRY ||
                           state == MJ_QUEUE_STATE_CANCELLED));
  gtk_widget_set_visible (self->resend_button, has_item && state == MJ_QUEUE_STATE_UNCERTAIN);
  gtk_widget_set_visible (self->mark_sent_button, has_item && state == MJ_QUEUE_STATE_UNCERTAIN);
  gtk_action_bar_set_revealed (self->action_bar, has_item);
}

static void
selection_changed_cb (MjQueuePage *self)
{
  MjQueueItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (self->selected != NULL && self->selected_handler != 0)
    g_signal_handler_disconnect (self->selected, self->selected_handler);
  self->selected_handler = 0;
  self->selected = item;
  if (item != NULL)
    self->selected_handler = g_signal_connect_object (item, "notify::state",
                                                      G_CALLBACK (update_actions), self,
                                                      G_CONNECT_SWAPPED);
  update_actions (self);
}

static void
show_error (MjQueuePage  *self,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("That cannot be done"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef gboolean (*ItemAction) (MjQueue *queue, gint64 id, GError **error);

static void
run_item_action (MjQueuePage *self,
                 ItemAction   action)
{
  g_autoptr(GError) error = NULL;

  if (self->queue == NULL || self->selected == NULL)
    return;
  if (!action (self->queue, mj_queue_item_get_id (self->selected), &error))
    show_error (self, error);
  else if (self->states != 0)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_actions (self);
}

static void
retry_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_item_action (MJ_QUEUE_PAGE (widget), mj_queue_retry);
}

static void
resend_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_item_action (MJ_QUEUE_PAGE (widget), mj_queue_resend);
}

static void
mark_sent_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_item_action (MJ_QUEUE_PAGE (widget), mj_queue_mark_sent);
}

static void
cancel_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_item_action (MJ_QUEUE_PAGE (widget), mj_queue_cancel);
}

static void
open_pdf_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  MjQueuePage *self = MJ_QUEUE_PAGE (widget);
  const char * const *paths;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->selected == NULL)
    return;
  paths = mj_queue_item_get_attachment_paths (self->selected);
  if (paths == NULL || paths[0] == NULL)
    return;
  file = g_file_new_for_path (paths[0]);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* One fact about the invoice: a name and its value. */
static GtkWidget *
details_row (AdwPreferencesGroup *group,
             const char          *heading,
             const char          *text)
{
  GtkWidget *row;

  if (text == NULL || text[0] == '\0')
    return NULL;
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), heading);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  g_object_set (row, "subtitle-lines", 0, NULL);
  /* Name small, value prominent (libadwaita 1.3's "property" look). */
  gtk_widget_add_css_class (row, "mj-property");
  adw_preferences_group_add (group, row);
  return row;
}

static void
copy_text_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "mj-text");
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_TOAST_OVERLAY);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Copied")));
}

static GtkWidget *
copy_button_new (const char *text,
                 const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "mj-text", g_strdup (text), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (copy_text_clicked_cb), NULL);
  return button;
}

static void
details_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  MjQueuePage *self = MJ_QUEUE_PAGE (widget);
  MjQueueItem *item = self->selected;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(MjExplanation) explanation = NULL;
  g_autofree char *state_text = NULL;
  g_autofree char *attempts = NULL;
  g_autofree char *when = NULL;
  g_autofree char *attachments = NULL;
  GtkWidget *window, *outer, *header, *toast_overlay, *page, *row;
  AdwPreferencesGroup *group;
  GtkEventController *shortcuts;
  MjQueueState state;
  const char *reply;
  const char *transcript;

  if (item == NULL || self->queue == NULL)
    return;
  if (!mj_queue_load_details (self->queue, item, &error))
    g_warning ("%s", error->message);
  state = mj_queue_item_get_state (item);
  reply = mj_queue_item_get_last_reply (item);
  transcript = mj_queue_item_get_transcript (item);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), mj_queue_item_get_subject (item));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 640);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  /* Escape closes it, like any dialog. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (mj_queue_item_get_subject (item),
                                                         mj_queue_item_get_to (item)));
  gtk_box_append (GTK_BOX (outer), header);
  toast_overlay = adw_toast_overlay_new ();
  gtk_widget_set_vexpand (toast_overlay, TRUE);
  page = adw_preferences_page_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (toast_overlay), page);
  gtk_box_append (GTK_BOX (outer), toast_overlay);

  /* What went wrong and what to do, first: that is why the user is here. */
  if (reply != NULL && state != MJ_QUEUE_STATE_SENT)
    {
      g_autoptr(MjSmtpReply) parsed = mj_smtp_reply_parse (reply);

      if (parsed->code >= 400)
        explanation = mj_explainer_explain_reply (parsed);
    }
  if (explanation != NULL)
    {
      GtkWidget *card = mj_explanation_card_new ();

      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      mj_explanation_card_set_explanation (MJ_EXPLANATION_CARD (card), explanation);
      adw_preferences_group_add (group, card);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
    }
  else if (state != MJ_QUEUE_STATE_SENT && mj_queue_item_get_last_error (item) != NULL)
    {
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("What happened"));
      details_row (group, mj_queue_state_get_label (state), mj_queue_item_get_last_error (item));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
    }

  /* The facts. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Invoice"));
  if (state == MJ_QUEUE_STATE_RETRY && mj_queue_item_get_next_attempt (item) > 0)
    {
      g_autofree char *next = format_time (mj_queue_item_get_next_attempt (item));

      /* Translators: a queue state, then when it is tried again ("Will retry · next try at 16:45"). */
      state_text = g_strdup_printf (_("%s · next try at %s"), mj_queue_state_get_label (state), next);
    }
  else
    state_text = g_strdup (mj_queue_state_get_label (state));
  details_row (group, _("State"), state_text);
  details_row (group, _("To"), mj_queue_item_get_to (item));
  details_row (group, _("Cc"), mj_queue_item_get_cc (item));
  details_row (group, _("Subject"), mj_queue_item_get_subject (item));
  if (mj_queue_item_get_attachment_names (item) != NULL)
    attachments = g_strjoinv (", ", (char **) mj_queue_item_get_attachment_names (item));
  details_row (group, _("Attachments"), attachments);
  attempts = g_strdup_printf ("%u", mj_queue_item_get_attempts (item));
  details_row (group, _("Attempts"), attempts);
  when = format_time (mj_queue_item_get_sent (item) > 0 ? mj_queue_item_get_sent (item)
                                                         : mj_queue_item_get_updated (item));
  details_row (group, mj_queue_item_get_sent (item) > 0 ? _("Sent") : _("Last change"), when);
  row = details_row (group, _("Message-ID"), mj_queue_item_get_message_id (item));
  if (row != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               copy_button_new (mj_queue_item_get_message_id (item), _("Copy Message-ID")));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* The proof: the server's own words. */
  if (reply != NULL && reply[0] != '\0')
    {
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("Last server reply"));
      adw_preferences_group_set_description (group,
                                             state == MJ_QUEUE_STATE_SENT
                                             ? _("The server accepted the message with this answer: keep it as proof that it went out.")
                                             : NULL);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reply);
      g_object_set (row, "title-lines", 0, NULL);
      gtk_widget_add_css_class (row, "monospace");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy_button_new (reply, _("Copy the Reply")));
      adw_preferences_group_add (group, row);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
    }

  if (transcript != NULL && transcript[0] != '\0')
    {
      GtkWidget *view, *scrolled;

      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("Transcript (passwords hidden)"));
      adw_preferences_group_set_description (group, _("The conversation with the server, for whoever helps you."));
      adw_preferences_group_set_header_suffix (group, copy_button_new (transcript, _("Copy the Transcript")));
      view = gtk_text_view_new ();
      gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), transcript, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Transcript (passwords hidden)"), -1);
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
      gtk_widget_add_css_class (scrolled, "card");
      gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
      adw_preferences_group_add (group, scrolled);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
    }

  adw_window_set_content (ADW_WINDOW (window), outer);
  gtk_window_present (GTK_WINDOW (window));
}

static void
row_activated_cb (MjQueuePage *self,
                  guint        position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "queue.details", NULL);
}

/* ------------------------------------------------------------------ */

void
mj_queue_page_set_queue (MjQueuePage *self,
                         MjQueue     *queue)
{
  g_return_if_fail (MJ_IS_QUEUE_PAGE (self));
  g_return_if_fail (queue == NULL || MJ_IS_QUEUE (queue));

  if (self->queue == queue)
    return;
  if (self->queue != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->queue, self);
      g_signal_handlers_disconnect_by_data (mj_queue_get_items (self->queue), self);
    }
  g_set_object (&self->queue, queue);

  gtk_filter_list_model_set_model (self->filtered, queue != NULL ? mj_queue_get_items (queue) : NULL);
  if (queue != NULL)
    {
      g_signal_connect_object (mj_queue_get_items (queue), "items-changed",
                               G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (queue, "notify::busy", G_CALLBACK (update_progress), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (queue, "notify::batch-done", G_CALLBACK (update_progress), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (queue, "notify::batch-total", G_CALLBACK (update_progress), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (queue, "batch-finished", G_CALLBACK (batch_finished_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (queue, "attention", G_CALLBACK (attention_cb), self,
                               G_CONNECT_SWAPPED);
    }
  items_changed_cb (self);
  update_quota (self);
  update_progress (self);
}

MjQueue *
mj_queue_page_get_queue (MjQueuePage *self)
{
  g_return_val_if_fail (MJ_IS_QUEUE_PAGE (self), NULL);
  return self->queue;
}

static void
mj_queue_page_dispose (GObject *object)
{
  MjQueuePage *self = MJ_QUEUE_PAGE (object);

  if (self->selected != NULL && self->selected_handler != 0)
    g_signal_handler_disconnect (self->selected, self->selected_handler);
  self->selected = NULL;
  self->selected_handler = 0;
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MJ_TYPE_QUEUE_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->queue);

  G_OBJECT_CLASS (mj_queue_page_parent_class)->dispose (object);
}

static void
mj_queue_page_finalize (GObject *object)
{
  MjQueuePage *self = MJ_QUEUE_PAGE (object);

  g_clear_pointer (&self->client, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->since, g_date_time_unref);

  G_OBJECT_CLASS (mj_queue_page_parent_class)->finalize (object);
}

static void
mj_queue_page_class_init (MjQueuePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mj_queue_page_dispose;
  object_class->finalize = mj_queue_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-queue-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, client_entry);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, date_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, quota_label);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, resend_button);
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, mark_sent_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pause_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "queue.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "queue.resend", NULL, resend_action);
  gtk_widget_class_install_action (widget_class, "queue.mark-sent", NULL, mark_sent_action);
  gtk_widget_class_install_action (widget_class, "queue.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "queue.open-pdf", NULL, open_pdf_action);
  gtk_widget_class_install_action (widget_class, "queue.details", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "queue.clear-filters", NULL, clear_filters_action);
}

static void
mj_queue_page_init (MjQueuePage *self)
{
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (states, _("All states"));
  for (guint i = 0; i < MJ_QUEUE_N_STATES; i++)
    gtk_string_list_append (states, mj_queue_state_get_label (i));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  /* Filter 10,000 rows in slices, so typing in the search stays smooth. */
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "notify::pending", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  update_actions (self);
  items_changed_cb (self);
}
