"""Recompute every claim from the article's own figures and give a verdict; where the outside
reference bears on a claim, give a second verdict against it, kept apart from the first."""

from __future__ import annotations

import polars as pl

from tui.core.article import consistency, statements
from tui.core.article.figures import Figures
from tui.core.article.validate import file_row
from tui.core.article.verdicts import Check
from tui.core.errors import DataError

# A statement the article makes, or a check the tool adds that its figures agree.
ARTICLE_STATEMENT, CONSISTENCY_CHECK = "article statement", "consistency check"
KINDS = (ARTICLE_STATEMENT, CONSISTENCY_CHECK)

# The two verdicts side by side, then how each was reached.
COLUMNS = (
    "claim",
    "kind",
    "verdict",
    "reference_verdict",
    "computed",
    "reference_computed",
    "quote",
    "claim_id",
)


CHECKS: dict[str, Check] = {
    "no_record_share": Check(statements.no_record_share, statements.no_record_share_ref),
    "status_alone": Check(statements.status_alone, statements.status_alone_ref),
    "with_records_387": Check(statements.with_records, statements.with_records_ref),
    "nearly_200_no_conviction": Check(statements.nearly_200, statements.nearly_200_ref),
    "jurisdictions_sum": Check(consistency.jurisdictions_sum, consistency.jurisdictions_sum_ref),
    "dui_largest_listed": Check(statements.dui_listed),
    "dui_largest_overall": Check(statements.dui_overall),
    "convictions_within_records": Check(
        consistency.convictions_within, consistency.convictions_within_ref
    ),
    "national_nearly_40": Check(statements.national_40, statements.national_40_ref),
    "national_periods_alike": Check(consistency.periods_alike, consistency.periods_alike_ref),
    "ny_state_label": Check(statements.ny_label, statements.ny_label_ref),
    "ny_about_31": Check(statements.ny_31, statements.ny_31_ref),
    "ny_noncriminal_doubled": Check(statements.ny_doubled, statements.ny_doubled_ref),
    "national_over_25_no_record": Check(statements.over_25, statements.over_25_ref),
}


def evaluate_claims(figures: Figures) -> pl.DataFrame:
    """One row per claim in the data, in the data's order: the claim, its kind, the verdict from
    the article's figures and, where the reference bears on it, the verdict against that."""
    dataset = figures.datasets["claims"]
    rows = []
    for index, claim in enumerate(dataset.frame.iter_rows(named=True)):
        check = CHECKS.get(str(claim["claim_id"]))
        if check is None:
            raise DataError(
                f"no check is known for claim {claim['claim_id']!r}",
                file=dataset.file,
                row=file_row(index),
                column="claim_id",
                hint=f"use one of: {', '.join(CHECKS)}",
            )
        if claim.get("kind") not in KINDS:
            raise DataError(
                f"kind {claim.get('kind')!r} is not known",
                file=dataset.file,
                row=file_row(index),
                column="kind",
                hint=f"use one of: {', '.join(KINDS)}",
            )
        outcome = check.article(figures)
        second = check.reference(figures) if check.reference is not None else None
        rows.append(
            {
                "claim": claim["claim"],
                "kind": claim["kind"],
                "verdict": outcome.verdict,
                "reference_verdict": None if second is None else second.verdict,
                "computed": outcome.computed,
                "reference_computed": None if second is None else second.computed,
                "quote": claim["quote"],
                "claim_id": claim["claim_id"],
            }
        )
    return pl.DataFrame(rows, schema=dict.fromkeys(COLUMNS, pl.String))
