#pragma once

#include <adwaita.h>

#include "mj-explanation.h"

G_BEGIN_DECLS

#define MJ_TYPE_EXPLANATION_CARD (mj_explanation_card_get_type ())

G_DECLARE_FINAL_TYPE (MjExplanationCard, mj_explanation_card, MJ, EXPLANATION_CARD, AdwBin)

GtkWidget     *mj_explanation_card_new             (void);
void           mj_explanation_card_set_explanation (MjExplanationCard *self,
                                                    MjExplanation     *explanation);
MjExplanation *mj_explanation_card_get_explanation (MjExplanationCard *self);
void           mj_explanation_card_set_bilingual   (MjExplanationCard *self,
                                                    gboolean           bilingual);
gboolean       mj_explanation_card_get_bilingual   (MjExplanationCard *self);
char          *mj_explanation_card_get_copy_text   (MjExplanationCard *self);

G_END_DECLS
