"""checks.py — the counting check the workbook tests share: a failed check prints what it
expected and the run goes on, so one run lists every failure; summary() prints the counts and
gives the exit status (1 when any check failed)."""

counts = {"passed": 0, "failed": 0}


def check(cond, what):
    if cond:
        counts["passed"] += 1
    else:
        counts["failed"] += 1
        print("FAIL: " + what)


def summary(prefix=""):
    print("%s%d passed, %d failed" % (prefix, counts["passed"], counts["failed"]))
    return 1 if counts["failed"] else 0
