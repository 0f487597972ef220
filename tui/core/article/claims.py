"""Recompute every claim from the article's own figures and give a verdict; where the outside
reference bears on a claim, give a second verdict against it, kept apart from the first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl

from tui.core.article.figures import Figures
from tui.core.article.validate import file_row
from tui.core.errors import DataError

HOLDS, FAILS, UNVERIFIABLE = "holds", "fails", "unverifiable"
# A statement the article makes, or a check the tool adds that its figures agree.
ARTICLE_STATEMENT, CONSISTENCY_CHECK = "article statement", "consistency check"
KINDS = (ARTICLE_STATEMENT, CONSISTENCY_CHECK)

# How far a figure may sit from the article's round number and still be fair to it.
ROUGHLY_POINTS = 2.0
NEARLY_SHORTFALL = 0.10

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


@dataclass(frozen=True)
class Outcome:
    computed: str
    verdict: str


@dataclass(frozen=True)
class Check:
    """A claim's rule: against the article's figures, and, if it can be, against the reference."""

    article: Callable[[Figures], Outcome]
    reference: Callable[[Figures], Outcome | None] | None = None


def _pct(part: float, whole: float) -> float:
    return 100.0 * part / whole


def _roughly(actual: float, stated: float) -> str:
    return HOLDS if abs(actual - stated) <= ROUGHLY_POINTS else FAILS


def _roughly_rule(stated: float, word: str = "roughly") -> str:
    return f"'{word} {stated:g}': within {ROUGHLY_POINTS:g} points"


def _nearly(actual: float, stated: float) -> str:
    return HOLDS if stated * (1 - NEARLY_SHORTFALL) <= actual <= stated else FAILS


def _nearly_rule(stated: float, unit: str = "") -> str:
    low = stated * (1 - NEARLY_SHORTFALL)
    return f"'nearly {stated:g}': {low:g}{unit} to {stated:g}{unit} (within 10% below)"


def _series(figures: Figures, name: str) -> dict[str, object]:
    rows = figures.frame("comparisons").filter(pl.col("series") == name).to_dicts()
    if len(rows) != 1:
        raise DataError(
            f"needs exactly one row for series {name!r}",
            file=figures.datasets["comparisons"].file,
            column="series",
        )
    return rows[0]


def _values(row: dict[str, object]) -> tuple[int, int] | None:
    if row["value_a"] is None or row["value_b"] is None:
        return None
    return int(str(row["value_a"])), int(str(row["value_b"]))


def _no_data(row: dict[str, object]) -> Outcome:
    return Outcome(f"no figure for one of the periods of {row['series']}", UNVERIFIABLE)


def _references(f: Figures, *ids: str) -> list[int] | None:
    """The reference figures named, or None if any is missing (the data may have none)."""
    values = [f.reference_value(figure_id) for figure_id in ids]
    return None if any(v is None for v in values) else [int(v or 0) for v in values]


def _cite(f: Figures, figure_id: str) -> str:
    """Whose figure it is, briefly: the reference row names its source in full."""
    row = f.reference(figure_id)
    return f"ICE, {row['source_date']}" if row is not None else "ICE"


def _cite_crains(f: Figures) -> str:
    row = f.reference("nyc_aor_convicted_2017")
    return f"Crain's, {row['source_date']}" if row is not None else "Crain's"


def _convicted_by_ice(f: Figures) -> tuple[int, int] | None:
    found = _references(f, "safe_city_arrested", "safe_city_convicted")
    return None if found is None else (found[0], found[1])


# --- 181 of 498 -------------------------------------------------------------------------------


def _no_record_share(f: Figures) -> Outcome:
    no_record, arrested = f.total("no_criminal_record"), f.total("arrested")
    share = _pct(no_record, arrested)
    return Outcome(
        f"{share:.1f}% ({no_record} of {arrested}); {_roughly_rule(36)}", _roughly(share, 36)
    )


def _no_record_share_ref(f: Figures) -> Outcome | None:
    ice = _convicted_by_ice(f)
    if ice is None:
        return None
    arrested, convicted = ice
    share = _pct(arrested - convicted, arrested)
    return Outcome(
        f"{_cite(f, 'safe_city_convicted')}: {arrested - convicted} not convicted "
        f"({arrested} - {convicted}), {share:.1f}%; "
        f"{_roughly_rule(36)}",
        _roughly(share, 36),
    )


def _status_alone(f: Figures) -> Outcome:
    return Outcome(
        f"the article gives no reason anyone is held: {f.total('no_criminal_record')} counts "
        "those without a criminal record, not why they are held",
        UNVERIFIABLE,
    )


def _status_alone_ref(f: Figures) -> Outcome | None:
    ice = _convicted_by_ice(f)
    if ice is None:
        return None
    arrested, convicted = ice
    return Outcome(
        f"{_cite(f, 'safe_city_convicted')}: the {arrested - convicted} are those not "
        f"convicted ({arrested} - {convicted}), "
        "pending criminal charges included; no count of people held for status alone",
        UNVERIFIABLE,
    )


def _with_records(f: Figures) -> Outcome:
    arrested, no_record = f.total("arrested"), f.total("no_criminal_record")
    reported = f.total("with_criminal_records_reported")
    computed = arrested - no_record
    verdict = HOLDS if computed == reported else FAILS
    return Outcome(
        f"{computed} ({arrested} - {no_record}), not {reported}"
        if verdict == FAILS
        else f"{computed} ({arrested} - {no_record})",
        verdict,
    )


def _with_records_ref(f: Figures) -> Outcome | None:
    ice = _convicted_by_ice(f)
    if ice is None:
        return None
    reported = f.total("with_criminal_records_reported")
    convicted = ice[1]
    who = _cite(f, "safe_city_convicted")
    if convicted == reported:
        return Outcome(f"{who}: {convicted} with criminal convictions", HOLDS)
    return Outcome(f"{who}: {convicted} with criminal convictions, not {reported}", FAILS)


def _nearly_200(f: Figures) -> Outcome:
    no_record = f.total("no_criminal_record")
    return Outcome(f"{no_record}; {_nearly_rule(200)}", _nearly(no_record, 200))


def _nearly_200_ref(f: Figures) -> Outcome | None:
    ice = _convicted_by_ice(f)
    if ice is None:
        return None
    arrested, convicted = ice
    not_convicted = arrested - convicted
    return Outcome(
        f"{_cite(f, 'safe_city_convicted')}: {not_convicted} not convicted "
        f"({arrested} - {convicted}); {_nearly_rule(200)}",
        _nearly(not_convicted, 200),
    )


# --- the jurisdictions and the convictions listed ---------------------------------------------


def _jurisdictions_sum(f: Figures) -> Outcome:
    total = int(f.frame("jurisdictions").get_column("arrests").sum())
    arrested = f.total("arrested")
    verdict = HOLDS if total == arrested else FAILS
    return Outcome(f"the ten add up to {total}; total reported: {arrested}; equal", verdict)


def _jurisdictions_sum_ref(f: Figures) -> Outcome | None:
    ice = _convicted_by_ice(f)
    if ice is None:
        return None
    total = int(f.frame("jurisdictions").get_column("arrests").sum())
    verdict = HOLDS if total == ice[0] else FAILS
    who = _cite(f, "safe_city_arrested")
    return Outcome(f"the ten add up to {total}; {who}: {ice[0]} arrested; equal", verdict)


def _dui_listed(f: Figures) -> Outcome:
    ranked = f.frame("convictions").sort("people", descending=True)
    people = ranked.get_column("people").to_list()
    top = str(ranked.get_column("conviction")[0])
    runner_up = people[1] if len(people) > 1 else 0
    verdict = (
        HOLDS if "driving under the influence" in top.lower() and people[0] > runner_up else FAILS
    )
    return Outcome(
        f"{top}: {people[0]} of the {sum(people)} listed in {len(people)} categories; "
        f"next largest listed: {runner_up}",
        verdict,
    )


def _dui_overall(f: Figures) -> Outcome:
    people = f.frame("convictions").get_column("people").to_list()
    base = f.total("arrested") - f.total("no_criminal_record")
    return Outcome(
        f"only {len(people)} categories are listed, {sum(people)} of the {base} with a "
        f"conviction ({f.total('arrested')} - {f.total('no_criminal_record')}); the rest are "
        "not broken down",
        UNVERIFIABLE,
    )


def _convictions_within(f: Figures) -> Outcome:
    listed = int(f.frame("convictions").get_column("people").sum())
    base = f.total("arrested") - f.total("no_criminal_record")
    verdict = HOLDS if listed <= base else FAILS
    return Outcome(
        f"{listed} listed, at most the {base} with a conviction "
        f"({f.total('arrested')} - {f.total('no_criminal_record')})",
        verdict,
    )


def _convictions_within_ref(f: Figures) -> Outcome | None:
    ice = _convicted_by_ice(f)
    if ice is None:
        return None
    listed = int(f.frame("convictions").get_column("people").sum())
    verdict = HOLDS if listed <= ice[1] else FAILS
    who = _cite(f, "safe_city_convicted")
    return Outcome(f"{listed} listed, at most the {ice[1]} with a conviction ({who})", verdict)


# --- the national comparison --------------------------------------------------------------------


def _national_40(f: Figures) -> Outcome:
    row = _series(f, "National ICE arrests")
    values = _values(row)
    if values is None:
        return _no_data(row)
    before, after = values
    growth = _pct(after - before, before)
    return Outcome(
        f"+{growth:.1f}% ({before:,} to {after:,}); {_nearly_rule(40, '%')}",
        _nearly(growth, 40),
    )


def _national_40_ref(f: Figures) -> Outcome | None:
    found = _references(f, "national_arrests_2016", "national_arrests_2017")
    if found is None:
        return None
    before, after = found
    growth = _pct(after - before, before)
    return Outcome(
        f"{_cite(f, 'national_arrests_2017')}: +{growth:.1f}% ({before:,} to {after:,}); "
        f"{_nearly_rule(40, '%')}",
        _nearly(growth, 40),
    )


def days_between(start: object, end: object) -> int | None:
    """Days in a period, both ends counted; None when either end is not given."""
    if not start or not end:
        return None
    return (date.fromisoformat(str(end)) - date.fromisoformat(str(start))).days + 1


def period_days(row: dict[str, object], which: str) -> int | None:
    return days_between(row.get(f"period_{which}_start"), row.get(f"period_{which}_end"))


def _length(row: dict[str, object], which: str) -> str:
    days = period_days(row, which)
    label = row[f"period_{which}"]
    return f"{label}: {days} days" if days is not None else f"{label}: no dates in the article"


def _periods_alike(f: Figures) -> Outcome:
    row = _series(f, "National ICE arrests")
    days_a, days_b = period_days(row, "a"), period_days(row, "b")
    text = f"{_length(row, 'a')}; {_length(row, 'b')}"
    if days_a is None or days_b is None:
        return Outcome(f"{text}; the lengths cannot be compared", UNVERIFIABLE)
    return Outcome(f"{text}; equal lengths", HOLDS if days_a == days_b else FAILS)


def _periods_alike_ref(f: Figures) -> Outcome | None:
    rows = [f.reference(i) for i in ("national_arrests_2017", "national_arrests_2016")]
    lengths = []
    for row in rows:
        if row is None:
            return None
        days = days_between(row["period_start"], row["period_end"])
        if days is None:
            return Outcome("ICE's periods are given without dates", UNVERIFIABLE)
        lengths.append(f"{row['period']}: {days} days")
    equal = len(set(length.split(": ")[1] for length in lengths)) == 1
    who = _cite(f, "national_arrests_2017")
    return Outcome(f"{who}: {'; '.join(lengths)}; equal lengths", HOLDS if equal else FAILS)


def _over_25(_: Figures) -> Outcome:
    return Outcome(
        "the article gives no count of national arrests without a criminal record", UNVERIFIABLE
    )


def _over_25_ref(f: Figures) -> Outcome | None:
    found = _references(f, "national_arrests_2017", "national_convicted_2017")
    if found is None:
        return None
    arrested, convicted = found
    share = _pct(arrested - convicted, arrested)
    return Outcome(
        f"{_cite(f, 'national_convicted_2017')}: {arrested - convicted:,} not convicted "
        f"({arrested:,} - {convicted:,}) of "
        f"{arrested:,}, {share:.1f}%, pending charges among them; 'more than 25': above 25%",
        HOLDS if share > 25 else FAILS,
    )


# --- "New York State" ---------------------------------------------------------------------------


def _nyc_aor(f: Figures) -> tuple[int, int, int, int] | None:
    found = _references(
        f,
        "nyc_aor_convicted_2016",
        "nyc_aor_noncriminal_2016",
        "nyc_aor_convicted_2017",
        "nyc_aor_noncriminal_2017",
    )
    return None if found is None else (found[0], found[1], found[2], found[3])


def _ny_label(f: Figures) -> Outcome:
    return Outcome(
        "the article gives no other figure or definition for the area it calls New York State",
        UNVERIFIABLE,
    )


def _ny_label_ref(f: Figures) -> Outcome | None:
    aor = _nyc_aor(f)
    row = f.reference("nyc_aor_convicted_2017")
    overall = _values(_series(f, "New York overall arrests"))
    if aor is None or row is None or overall is None:
        return None
    convicted_a, noncriminal_a, convicted_b, noncriminal_b = aor
    adds_up = overall == (convicted_a + noncriminal_a, convicted_b + noncriminal_b)
    sums = (
        f"{convicted_a} + {noncriminal_a} = {convicted_a + noncriminal_a}, "
        f"{convicted_b} + {noncriminal_b} = {convicted_b + noncriminal_b}"
    )
    if not adds_up:
        return Outcome(f"{row['source']}: {sums}, not the article's figures", UNVERIFIABLE)
    return Outcome(
        f"{row['source']}, {row['source_date']}: {sums} are the {row['area']}, not the whole state",
        FAILS,
    )


def _ny_31(f: Figures) -> Outcome:
    row = _series(f, "New York overall arrests")
    values = _values(row)
    if values is None:
        return _no_data(row)
    before, after = values
    growth = _pct(after - before, before)
    return Outcome(
        f"+{growth:.1f}% ({before:,} to {after:,}); {_roughly_rule(31, 'about')}",
        _roughly(growth, 31),
    )


def _ny_31_ref(f: Figures) -> Outcome | None:
    aor = _nyc_aor(f)
    if aor is None:
        return None
    before, after = aor[0] + aor[1], aor[2] + aor[3]
    growth = _pct(after - before, before)
    return Outcome(
        f"ICE's NYC AOR ({_cite_crains(f)}): +{growth:.1f}% ({aor[0]} + {aor[1]} = {before} to "
        f"{aor[2]} + {aor[3]} = {after}); {_roughly_rule(31, 'about')}",
        _roughly(growth, 31),
    )


def _doubled(before: int, after: int, who: str) -> Outcome:
    ratio = after / before if before else None
    if ratio is None:
        return Outcome(f"{who}from 0: no ratio", UNVERIFIABLE)
    return Outcome(
        f"{who}x{ratio:.2f} ({before:,} to {after:,}); 'more than doubled': above x2",
        HOLDS if ratio > 2 else FAILS,
    )


def _ny_doubled(f: Figures) -> Outcome:
    row = _series(f, "New York non-criminal arrests")
    values = _values(row)
    if values is None:
        return _no_data(row)
    return _doubled(*values, who="")


def _ny_doubled_ref(f: Figures) -> Outcome | None:
    aor = _nyc_aor(f)
    return (
        None
        if aor is None
        else _doubled(aor[1], aor[3], who=f"ICE's NYC AOR ({_cite_crains(f)}), non-criminal: ")
    )


CHECKS: dict[str, Check] = {
    "no_record_share": Check(_no_record_share, _no_record_share_ref),
    "status_alone": Check(_status_alone, _status_alone_ref),
    "with_records_387": Check(_with_records, _with_records_ref),
    "nearly_200_no_conviction": Check(_nearly_200, _nearly_200_ref),
    "jurisdictions_sum": Check(_jurisdictions_sum, _jurisdictions_sum_ref),
    "dui_largest_listed": Check(_dui_listed),
    "dui_largest_overall": Check(_dui_overall),
    "convictions_within_records": Check(_convictions_within, _convictions_within_ref),
    "national_nearly_40": Check(_national_40, _national_40_ref),
    "national_periods_alike": Check(_periods_alike, _periods_alike_ref),
    "ny_state_label": Check(_ny_label, _ny_label_ref),
    "ny_about_31": Check(_ny_31, _ny_31_ref),
    "ny_noncriminal_doubled": Check(_ny_doubled, _ny_doubled_ref),
    "national_over_25_no_record": Check(_over_25, _over_25_ref),
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
