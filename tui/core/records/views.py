"""The jurisdictions and breakdown views of ICE record files, with the bundled views' columns.

- `jurisdictions`: `jurisdiction, arrests, share_pct, rank`, then the criminality split.
  Detainer files name the count `detainers`.
- `convictions` (the breakdown): for detainers `conviction, detainers, share_pct, ...` by most
  serious conviction charge; for arrests `criminality, arrests, share_pct, ...`: arrest
  records hold no conviction, so this is ICE's criminality breakdown.

Likely duplicates are always counted; `exclude_duplicates` leaves them out of the counts and
says so. Every view's `base` names its filters, the files and the columns it used (the
layout's preset roles). The comparisons view is `comparisons`.
"""

from __future__ import annotations

import polars as pl

from tui.core.measures import pct
from tui.core.model import View
from tui.core.records.layouts import CONVICTED, OTHER_VIOLATOR, PENDING
from tui.core.records.record_set import (
    RecordSet,
    duplicates_text,
    filtered,
    not_excluded,
    redacted_flag,
    with_aor_names,
)
from tui.core.tables.values import is_redacted


def jurisdictions_view(records: RecordSet, *, exclude_duplicates: bool = False) -> View:
    counts = records.by_group()
    kept = filtered(counts, exclude_duplicates)
    count = noun = records.noun
    crim_values = counts.get_column("criminality").unique().to_list()
    aor_values = counts.get_column("aor").unique().to_list()
    crim = pl.col("criminality")
    redacted_crim = redacted_flag("criminality", crim_values)
    redacted_aor = redacted_flag("aor", aor_values)
    flagged = pl.col("duplicate_likely").fill_null(False)
    per_aor = (
        counts.group_by("aor")
        .agg(
            pl.col("n").filter(not_excluded(exclude_duplicates)).sum().alias(count),
            pl.col("n").filter(flagged).sum().alias("duplicates_likely"),
        )
        .join(
            kept.group_by("aor").agg(
                pl.col("n").filter(crim == CONVICTED).sum().alias("convicted"),
                pl.col("n").filter(crim == PENDING).sum().alias("pending_charges"),
                pl.col("n")
                .filter(crim == OTHER_VIOLATOR)
                .sum()
                .alias("other_immigration_violator"),
                pl.col("n").filter(crim.is_null()).sum().alias("criminality_missing"),
                pl.col("n")
                .filter(~crim.is_in([CONVICTED, PENDING, OTHER_VIOLATOR]) & crim.is_not_null())
                .sum()
                .alias("criminality_other"),
                pl.col("n").filter(redacted_crim | redacted_aor).sum().alias("redacted"),
            ),
            on="aor",
            how="left",
            nulls_equal=True,
        )
        .with_columns(pl.exclude("aor").fill_null(0).cast(pl.Int64))
    )
    total = int(per_aor.get_column(count).sum())
    frame = (
        with_aor_names(per_aor)
        .with_columns(
            pct(pl.col(count), total).alias("share_pct"),
            pl.col(count).rank("min", descending=True).cast(pl.Int64).alias("rank"),
            pct(pl.col("other_immigration_violator"), pl.col(count)).alias("non_criminal_pct"),
            pct(
                pl.col("pending_charges") + pl.col("other_immigration_violator"), pl.col(count)
            ).alias("not_convicted_pct"),
            pct(pl.col("convicted"), pl.col(count)).alias("convicted_pct"),
        )
        .sort([count, "jurisdiction"], descending=[True, False], nulls_last=True)
        .select(
            "jurisdiction",
            count,
            "share_pct",
            "rank",
            "convicted",
            "pending_charges",
            "other_immigration_violator",
            "criminality_missing",
            "criminality_other",
            "convicted_pct",
            "non_criminal_pct",
            "not_convicted_pct",
            "duplicates_likely",
            "redacted",
            "aor_code",
            pl.col("aor").alias("aor_as_written"),
        )
    )
    noun = records.noun
    base = (
        f"ICE {noun} per Area of Responsibility, {records.provenance()}. share_pct is a share of "
        f"all {total:,} {noun}; {duplicates_text(counts, exclude_duplicates, noun)}. "
        "convicted, pending_charges and other_immigration_violator are ICE's criminality "
        f"values '{CONVICTED}', '{PENDING}' and '{OTHER_VIOLATOR}'; non_criminal_pct is the "
        "share of the third, the records' own non-criminal category; not_convicted_pct is the "
        "share of everyone not convicted (the second and third together), what ICE's 2017 "
        "releases called non-criminal. Both are shares of the row's count, rows with a missing "
        "or other criminality included (criminality_missing, criminality_other). redacted "
        "counts rows whose AOR or criminality is a redaction such as b(6), b(7)c. "
        f"{records.roles().describe()}"
    )
    return View(
        name="jurisdictions",
        title=f"{noun.capitalize()} by Area of Responsibility",
        frame=frame,
        base=base,
        notes=records.notes(),
        bar_column=count,
        label_column="jurisdiction",
    )


def convictions_view(records: RecordSet, *, exclude_duplicates: bool = False) -> View:
    if records.kind == "detainers":
        return _charges_view(records, exclude_duplicates)
    return _criminality_view(records, exclude_duplicates)


def _rows_by(counts: pl.DataFrame, key: str, exclude_duplicates: bool, noun: str) -> pl.DataFrame:
    """Rows per value of `key` as `noun` (duplicates left out on request), and the duplicates."""
    flagged = pl.col("duplicate_likely").fill_null(False)
    return (
        counts.group_by(key)
        .agg(
            pl.col("n").filter(not_excluded(exclude_duplicates)).sum().alias(noun),
            pl.col("n").filter(flagged).sum().alias("duplicates_likely"),
        )
        .with_columns(pl.exclude(key).cast(pl.Int64))
    )


def _charges_view(records: RecordSet, exclude_duplicates: bool) -> View:
    counts = records.by_charge()
    values = counts.get_column("conviction").unique().to_list()
    noun = "detainers"
    frame = _rows_by(counts, "conviction", exclude_duplicates, noun)
    total = int(frame.get_column(noun).sum())
    charged = int(frame.filter(pl.col("conviction").is_not_null())[noun].sum())
    frame = (
        frame.with_columns(
            pl.when(pl.col("conviction").is_not_null())
            .then(pct(pl.col(noun), charged))
            .otherwise(None)
            .alias("share_pct"),
            pct(pl.col(noun), total).alias("pct_of_detainers"),
            pl.when(redacted_flag("conviction", values))
            .then(pl.col(noun))
            .otherwise(0)
            .alias("redacted"),
        )
        .sort(
            [pl.col("conviction").is_null(), noun, "conviction"],
            descending=[False, True, False],
        )
        .select(
            "conviction",
            noun,
            "share_pct",
            "pct_of_detainers",
            "duplicates_likely",
            "redacted",
        )
    )
    base = (
        f"ICE detainers by most serious conviction (MSC) charge, {records.provenance()}. "
        f"detainers counts rows (one per detainer), not distinct persons. share_pct is a share of "
        f"the {charged:,} detainers with a conviction charge; the empty row is the "
        f"{total - charged:,} without one. pct_of_detainers is a share of all {total:,}; "
        f"{duplicates_text(counts, exclude_duplicates, 'detainers')}. "
        f"{records.roles().describe()}"
    )
    return View(
        name="convictions",
        title="Detainers by most serious conviction charge",
        frame=frame,
        base=base,
        notes=records.notes(),
        bar_column=noun,
        label_column="conviction",
    )


def _criminality_view(records: RecordSet, exclude_duplicates: bool) -> View:
    counts = records.by_group()
    values = counts.get_column("criminality").unique().to_list()
    noun = records.noun
    frame = _rows_by(counts, "criminality", exclude_duplicates, noun)
    total = int(frame.get_column(noun).sum())
    redacted = redacted_flag("criminality", values)
    frame = (
        frame.with_columns(
            pct(pl.col(noun), total).alias("share_pct"),
            pl.when(redacted).then(pl.col(noun)).otherwise(0).alias("redacted"),
        )
        .sort("criminality", nulls_last=True)
        .select("criminality", noun, "share_pct", "duplicates_likely", "redacted")
    )

    def rows(condition: pl.Expr) -> int:
        return int(frame.filter(condition)[noun].sum())

    crim = pl.col("criminality")
    other = rows(crim == OTHER_VIOLATOR)
    not_convicted = rows(crim.is_in([PENDING, OTHER_VIOLATOR]))
    missing = rows(crim.is_null())
    hidden = rows(
        crim.is_in([v for v in values if is_redacted(v)])
        if any(is_redacted(v) for v in values)
        else pl.lit(False)
    )

    def share(part: int) -> str:
        return f"{100 * part / total:.1f}%" if total else "no share"

    base = (
        f"ICE {noun} by Apprehension Criminality, {records.provenance()}: arrest records hold "
        f"no conviction charge, so this is ICE's criminality breakdown, not convictions. "
        f"share_pct is a share of all {total:,} {noun}. Non-criminal, the records' own "
        f"category, is '{OTHER_VIOLATOR}': {other:,} ({share(other)}); not convicted, what "
        f"ICE's 2017 releases called non-criminal, is '{PENDING}' and '{OTHER_VIOLATOR}' "
        f"together: {not_convicted:,} ({share(not_convicted)}). {missing:,} {noun} have no "
        f"criminality (the empty row) and {hidden:,} a redacted one: they are in the base of "
        f"every share, in neither count. "
        f"{duplicates_text(counts, exclude_duplicates, noun)}. {records.roles().describe()}"
    )
    return View(
        name="convictions",
        title=f"{noun.capitalize()} by criminality (ICE's categories)",
        frame=frame,
        base=base,
        notes=records.notes(),
        bar_column=noun,
        label_column="criminality",
    )
