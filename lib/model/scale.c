/* scale.c — what an answer is worth on its indicator's scale: the normalised score in [0, 1]
 * of a level, a number against its target or a count of checklist items (doc/scoring.md §2). */
#include "model/model.h"

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

double scale_score(const patuh_scale *scale, double value)
{
    switch (scale->kind) {
    case PATUH_SCALE_LIST:
        if (scale->max <= scale->min)
            return value >= scale->max ? 1 : 0; /* one level: full marks for it */
        return clamp01((value - scale->min) / (scale->max - scale->min));
    case PATUH_SCALE_NUMBER:
        if (scale->ratio)
            return clamp01(value / scale->target);
        if (scale->target <= scale->min)
            return value >= scale->target ? 1 : 0;
        return clamp01((value - scale->min) / (scale->target - scale->min));
    case PATUH_SCALE_CHECKLIST:
        if (scale->need == 0)
            return 1;
        return clamp01(value / (double)scale->need);
    }
    return 0;
}
