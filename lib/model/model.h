/* model.h — the model layer: the rubric (its tree, scales, groups and bands, public in
 * patuh.h) and what the layers above need of it that callers never see. Uses base (rubric.c also
 * reads YAML). */
#ifndef PATUH_MODEL_H
#define PATUH_MODEL_H

#include "base/base.h"

/* ---- scales ------------------------------------------------------------------------ */

/* The normalised score in [0, 1] of an answer value on an indicator's scale. */
double scale_score(const patuh_scale *scale, double value);

#endif
