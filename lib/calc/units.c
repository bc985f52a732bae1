/* units.c — results per unit and per product (doc/scoring.md §13): a unit's total, rounded
 * total and band, computed on request from the scores scoring keeps per unit, so a batch of
 * a million units holds nothing more than before. */
#include "calc/calc.h"

#include <math.h>

patuh_unit_result patuh_unit_result_get(const patuh_rubric *rubric, const patuh_unit *unit)
{
    patuh_unit_result r = {.total = NAN, .rounded = NAN, .band = SIZE_MAX};
    if (!rubric || !unit || !rubric->root)
        return r;
    double s = patuh_unit_score(rubric, unit, rubric->root);
    if (isnan(s))
        return r; /* dropped out, or the agency was not assessed: no band either */
    r.total = s * rubric->max;
    r.rounded = patuh_round(r.total, rubric->decimals);
    r.band = patuh_rubric_band(rubric, r.rounded);
    return r;
}

bool patuh_unit_is_product(const patuh_unit *unit)
{
    return unit && unit->n_units == 0 && unit->parent && unit->parent->parent;
}
