#define G_LOG_DOMAIN "mj-recipient-row"

#include "config.h"

#include "mj-recipient-row.h"

/*
 * An entry row for addresses ("a@x.es, Ana <b@y.es>") that offers the
 * address book's clients matching what is being typed, in a popover under
 * the row: Up and Down choose, Return or Tab accept, Escape closes.
 * The composer calls mj_recipient_row_complete() after each edit by the
 * user, so text it puts in the row itself never pops the list up.
 */

#define MAX_SUGGESTIONS 6
#define HIDE_DELAY_MS 150

struct _MjRecipientRow
{
  AdwEntryRow parent_instance;

  MjAddressBook *address_book;
  GtkPopover *popover;
  GtkListBox *suggestions;
};

G_DEFINE_FINAL_TYPE (MjRecipientRow, mj_recipient_row, ADW_TYPE_ENTRY_ROW)

/* The address being typed: what follows the last separator. */
static const char *
last_token (const char *text)
{
  const char *start = text;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == ',' || *p == ';')
      start = p + 1;
  while (*start == ' ')
    start++;
  return start;
}

static gboolean
mj_recipient_row_has_focus (MjRecipientRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL &&
         (focus == GTK_WIDGET (self) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self)));
}

static void
mj_recipient_row_hide_completion (MjRecipientRow *self)
{
  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
}

/**
 * mj_recipient_row_complete:
 *
 * Offers the clients whose name or address matches the address being
 * typed, or hides the offer when there is none.
 */
void
mj_recipient_row_complete (MjRecipientRow *self)
{
  const char *text;
  const char *token;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint shown = 0;

  g_return_if_fail (MJ_IS_RECIPIENT_ROW (self));

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  token = last_token (text);
  if (self->address_book == NULL || token[0] == '\0' || !mj_recipient_row_has_focus (self))
    {
      mj_recipient_row_hide_completion (self);
      return;
    }

  contacts = mj_address_book_search (self->address_book, token, MAX_SUGGESTIONS, &error);
  if (contacts == NULL)
    {
      g_debug ("Address book search failed: %s", error->message);
      mj_recipient_row_hide_completion (self);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions))) != NULL)
    gtk_list_box_remove (self->suggestions, child);

  for (guint i = 0; i < contacts->len; i++)
    {
      MjContact *contact = g_ptr_array_index (contacts, i);
      GtkWidget *item;

      /* Nothing to suggest for an address typed in full. */
      if (g_ascii_strcasecmp (contact->address, token) == 0)
        continue;

      item = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
      if (contact->client_name != NULL && contact->client_name[0] != '\0')
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), contact->client_name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (item), contact->address);
        }
      else
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), contact->address);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (item), TRUE);
      /* Clicking a suggestion must not take the focus from the entry. */
      gtk_widget_set_focusable (item, FALSE);
      g_object_set_data_full (G_OBJECT (item), "address", g_strdup (contact->address), g_free);
      gtk_list_box_append (self->suggestions, item);
      shown++;
    }

  if (shown == 0)
    {
      mj_recipient_row_hide_completion (self);
      return;
    }

  gtk_list_box_select_row (self->suggestions, NULL);
  gtk_popover_popup (self->popover);
}

/* The chosen address replaces the one being typed. */
static void
mj_recipient_row_accept (MjRecipientRow *self,
                         GtkListBoxRow  *item)
{
  const char *address = g_object_get_data (G_OBJECT (item), "address");
  const char *text;
  g_autoptr(GString) new_text = NULL;

  if (address == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  new_text = g_string_new_len (text, last_token (text) - text);
  if (new_text->len > 0 && new_text->str[new_text->len - 1] != ' ')
    g_string_append_c (new_text, ' ');
  g_string_append (new_text, address);

  gtk_popover_popdown (self->popover);
  gtk_editable_set_text (GTK_EDITABLE (self), new_text->str);
  gtk_editable_set_position (GTK_EDITABLE (self), -1);
  mj_recipient_row_hide_completion (self);
}

static void
suggestion_activated_cb (GtkListBox     *list,
                         GtkListBoxRow  *item,
                         MjRecipientRow *self)
{
  mj_recipient_row_accept (self, item);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MjRecipientRow        *self)
{
  GtkListBoxRow *selected;
  int index;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return FALSE;

  selected = gtk_list_box_get_selected_row (self->suggestions);
  index = selected ? gtk_list_box_row_get_index (selected) : -1;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_Up:
      {
        GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->suggestions,
                                                             keyval == GDK_KEY_Down ? index + 1 : MAX (index - 1, 0));
        if (next != NULL)
          gtk_list_box_select_row (self->suggestions, next);
        return TRUE;
      }
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_Tab:
      if (selected == NULL)
        return FALSE;
      mj_recipient_row_accept (self, selected);
      return TRUE;
    case GDK_KEY_Escape:
      mj_recipient_row_hide_completion (self);
      return TRUE;
    default:
      return FALSE;
    }
}

/* A click on a suggestion moves the focus for a moment: wait before
 * deciding the user went elsewhere. */
static gboolean
hide_later_cb (gpointer user_data)
{
  g_autoptr(MjRecipientRow) self = user_data;

  if (!mj_recipient_row_has_focus (self))
    mj_recipient_row_hide_completion (self);
  return G_SOURCE_REMOVE;
}

static void
focus_left_cb (MjRecipientRow *self)
{
  g_timeout_add (HIDE_DELAY_MS, hide_later_cb, g_object_ref (self));
}

void
mj_recipient_row_set_address_book (MjRecipientRow *self,
                                   MjAddressBook  *address_book)
{
  g_return_if_fail (MJ_IS_RECIPIENT_ROW (self));
  g_return_if_fail (address_book == NULL || MJ_IS_ADDRESS_BOOK (address_book));

  g_set_object (&self->address_book, address_book);
}

static void
mj_recipient_row_dispose (GObject *object)
{
  MjRecipientRow *self = MJ_RECIPIENT_ROW (object);

  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
      self->suggestions = NULL;
    }
  g_clear_object (&self->address_book);

  G_OBJECT_CLASS (mj_recipient_row_parent_class)->dispose (object);
}

static void
mj_recipient_row_class_init (MjRecipientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mj_recipient_row_dispose;
}

static void
mj_recipient_row_init (MjRecipientRow *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->suggestions = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->suggestions, GTK_SELECTION_BROWSE);
  gtk_list_box_set_activate_on_single_click (self->suggestions, TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->suggestions), FALSE);
  g_signal_connect (self->suggestions, "row-activated", G_CALLBACK (suggestion_activated_cb), self);
  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (self->popover, FALSE);
  gtk_popover_set_has_arrow (self->popover, FALSE);
  gtk_popover_set_position (self->popover, GTK_POS_BOTTOM);
  gtk_popover_set_child (self->popover, GTK_WIDGET (self->suggestions));
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));

  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}
