/* calc.h — the calc layer: scoring and ranking, gaps and the fixes that close them, and the
 * comparison of two reports (public in patuh.h), with what the report layer needs besides.
 * Uses input and below. */
#ifndef PATUH_CALC_H
#define PATUH_CALC_H

#include "input/input.h"

/* ---- scoring ------------------------------------------------------------------------ */

/* An answer that replaces what (unit, indicator) holds while scoring, for gains and fix
 * paths: it counts as the unit's own answer, so leaves that inherit from the unit see it. */
typedef struct score_override {
    const patuh_unit *unit;
    size_t ind; /* indicator index (node->ind_index) */
    answer_value answer;
} score_override;

/* A leaf and a section with `min_responses` that scoring treats as having reached the
 * minimum (gaps: what collecting the missing responses gives, doc/scoring.md §16). */
typedef struct score_met {
    const patuh_unit *unit;
    const patuh_node *section;
} score_met;

/* Scores one agency again as score_agency_override does without overrides, with `met`
 * reaching its section's minimum of responses. Restore with score_agency_override. */
patuh_status score_agency_met(const patuh_rubric *rubric, patuh_agency *agency,
                              const score_met *met, patuh_diags *diags);
/* Levels of units at and below `unit` (1 for a leaf). */
size_t score_unit_depth(const patuh_unit *unit);
/* Sorts overrides as score_agency_override needs them: by unit, then indicator. */
void score_override_sort(score_override *ov, size_t n);
/* Scores one agency again as patuh_batch_score does, with the overrides (sorted) in place;
 * fills its results (total, band, ...) but neither ranks nor reorders. Missing answers add
 * warnings to diags, so pass a scratch diags. Call with n_ov = 0 to restore the results. */
patuh_status score_agency_override(const patuh_rubric *rubric, patuh_agency *agency,
                                   const score_override *ov, size_t n_ov, patuh_diags *diags);
/* A leaf's score of every node (n_nodes into full, NAN = dropped out) as scoring computes
 * it, without overrides; missing answers add warnings to diags (pass a scratch one). */
patuh_status score_leaf_nodes(const patuh_rubric *rubric, patuh_agency *agency, patuh_unit *leaf,
                              double *full, patuh_diags *diags);

/* ---- units (units.c) -------------------------------------------------------------- */

/* Warns (an error with strict diags) of each unit kind and product an agency is short of
 * what the rubric's `coverage:` samples (doc/scoring.md §14). */
patuh_status sampling_warn(const patuh_batch *batch, const patuh_agency *agency,
                           patuh_diags *diags);

/* ---- gaps ------------------------------------------------------------------------- */

/* Fills g->next_band and g->next_zone from the agency's results as scored and the gaps'
 * steps (gaps_path.c, doc/scoring.md §9.4). Scores the agency again along the way and
 * leaves it so: the caller restores it. Missing answers warn into scratch. */
patuh_status gaps_paths(const patuh_rubric *rubric, patuh_agency *agency, patuh_gaps *g,
                        patuh_diags *scratch);

/* ---- report helpers shared by the writers ------------------------------------------ */

/* Score of a node for an agency on the 0..max scale, unrounded; NAN when dropped. */
double report_node_score(const patuh_batch *batch, const patuh_agency *agency,
                         const patuh_node *node);

#endif
