/* json_put.c — the one set of JSON helpers every JSON report uses (ranking, gaps, comparison),
 * with one rule for failure: a helper that cannot allocate returns false and the report
 * fails with PATUH_ENOMEM; a value that is absent is written as null on purpose, never
 * because memory ran out. */
#include "report/report.h"

#include <math.h>

bool json_put(json_object *obj, const char *key, json_object *val)
{
    if (!val)
        return false;
    if (json_object_object_add(obj, key, val) != 0) {
        json_object_put(val);
        return false;
    }
    return true;
}

bool json_push(json_object *arr, json_object *val)
{
    if (!val)
        return false;
    if (json_object_array_add(arr, val) != 0) {
        json_object_put(val);
        return false;
    }
    return true;
}

bool json_put_null(json_object *obj, const char *key)
{
    return json_object_object_add(obj, key, NULL) == 0;
}

bool json_put_string(json_object *obj, const char *key, const char *s)
{
    return s ? json_put(obj, key, json_object_new_string(s)) : json_put_null(obj, key);
}

bool json_put_int(json_object *obj, const char *key, int64_t n)
{
    return json_put(obj, key, json_object_new_int64(n));
}

json_object *json_score(double v, int decimals)
{
    char text[64];
    double rounded = patuh_round(v, decimals);
    patuh_format_number(rounded, decimals, text, sizeof text);
    return json_object_new_double_s(rounded, text);
}

bool json_put_score(json_object *obj, const char *key, double v, int decimals)
{
    return isnan(v) ? json_put_null(obj, key) : json_put(obj, key, json_score(v, decimals));
}

bool json_put_plain(json_object *obj, const char *key, double v)
{
    char text[64];
    if (v == floor(v) && fabs(v) < 1e15)
        return json_put(obj, key, json_object_new_int64((int64_t)v));
    snprintf(text, sizeof text, "%.15g", v);
    return json_put(obj, key, json_object_new_double_s(v, text));
}

int json_flags(void)
{
    return JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE;
}

bool json_print(FILE *out, json_object *root)
{
    const char *text = root ? json_object_to_json_string_ext(root, json_flags()) : NULL;
    if (!text)
        return false;
    fputs(text, out);
    fputc('\n', out);
    return true;
}
