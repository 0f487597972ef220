"""The statements the article makes, each recomputed from the article's own figures and, where
the outside reference bears on it, from the reference too."""

from __future__ import annotations

from tui.core.article.figures import Figures
from tui.core.article.verdicts import (
    FAILS,
    HOLDS,
    UNVERIFIABLE,
    Outcome,
    cite,
    cite_crains,
    convicted_by_ice,
    nearly,
    nearly_rule,
    no_data,
    pct,
    reference_values,
    roughly,
    roughly_rule,
    series_row,
    series_values,
)

# --- 181 of 498 -------------------------------------------------------------------------------


def no_record_share(f: Figures) -> Outcome:
    no_record, arrested = f.total("no_criminal_record"), f.total("arrested")
    share = pct(no_record, arrested)
    return Outcome(
        f"{share:.1f}% ({no_record} of {arrested}); {roughly_rule(36)}", roughly(share, 36)
    )


def no_record_share_ref(f: Figures) -> Outcome | None:
    ice = convicted_by_ice(f)
    if ice is None:
        return None
    arrested, convicted = ice
    share = pct(arrested - convicted, arrested)
    return Outcome(
        f"{cite(f, 'safe_city_convicted')}: {arrested - convicted} not convicted "
        f"({arrested} - {convicted}), {share:.1f}%; "
        f"{roughly_rule(36)}",
        roughly(share, 36),
    )


def status_alone(f: Figures) -> Outcome:
    return Outcome(
        f"the article gives no reason anyone is held: {f.total('no_criminal_record')} counts "
        "those without a criminal record, not why they are held",
        UNVERIFIABLE,
    )


def status_alone_ref(f: Figures) -> Outcome | None:
    ice = convicted_by_ice(f)
    if ice is None:
        return None
    arrested, convicted = ice
    return Outcome(
        f"{cite(f, 'safe_city_convicted')}: the {arrested - convicted} are those not "
        f"convicted ({arrested} - {convicted}), "
        "pending criminal charges included; no count of people held for status alone",
        UNVERIFIABLE,
    )


def with_records(f: Figures) -> Outcome:
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


def with_records_ref(f: Figures) -> Outcome | None:
    ice = convicted_by_ice(f)
    if ice is None:
        return None
    reported = f.total("with_criminal_records_reported")
    convicted = ice[1]
    who = cite(f, "safe_city_convicted")
    if convicted == reported:
        return Outcome(f"{who}: {convicted} with criminal convictions", HOLDS)
    return Outcome(f"{who}: {convicted} with criminal convictions, not {reported}", FAILS)


def nearly_200(f: Figures) -> Outcome:
    no_record = f.total("no_criminal_record")
    return Outcome(f"{no_record}; {nearly_rule(200)}", nearly(no_record, 200))


def nearly_200_ref(f: Figures) -> Outcome | None:
    ice = convicted_by_ice(f)
    if ice is None:
        return None
    arrested, convicted = ice
    not_convicted = arrested - convicted
    return Outcome(
        f"{cite(f, 'safe_city_convicted')}: {not_convicted} not convicted "
        f"({arrested} - {convicted}); {nearly_rule(200)}",
        nearly(not_convicted, 200),
    )


def dui_listed(f: Figures) -> Outcome:
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


def dui_overall(f: Figures) -> Outcome:
    people = f.frame("convictions").get_column("people").to_list()
    base = f.total("arrested") - f.total("no_criminal_record")
    return Outcome(
        f"only {len(people)} categories are listed, {sum(people)} of the {base} with a "
        f"conviction ({f.total('arrested')} - {f.total('no_criminal_record')}); the rest are "
        "not broken down",
        UNVERIFIABLE,
    )


# --- the national comparison --------------------------------------------------------------------


def national_40(f: Figures) -> Outcome:
    row = series_row(f, "National ICE arrests")
    values = series_values(row)
    if values is None:
        return no_data(row)
    before, after = values
    growth = pct(after - before, before)
    return Outcome(
        f"+{growth:.1f}% ({before:,} to {after:,}); {nearly_rule(40, '%')}",
        nearly(growth, 40),
    )


def national_40_ref(f: Figures) -> Outcome | None:
    found = reference_values(f, "national_arrests_2016", "national_arrests_2017")
    if found is None:
        return None
    before, after = found
    growth = pct(after - before, before)
    return Outcome(
        f"{cite(f, 'national_arrests_2017')}: +{growth:.1f}% ({before:,} to {after:,}); "
        f"{nearly_rule(40, '%')}",
        nearly(growth, 40),
    )


def over_25(_: Figures) -> Outcome:
    return Outcome(
        "the article gives no count of national arrests without a criminal record", UNVERIFIABLE
    )


def over_25_ref(f: Figures) -> Outcome | None:
    found = reference_values(f, "national_arrests_2017", "national_convicted_2017")
    if found is None:
        return None
    arrested, convicted = found
    share = pct(arrested - convicted, arrested)
    return Outcome(
        f"{cite(f, 'national_convicted_2017')}: {arrested - convicted:,} not convicted "
        f"({arrested:,} - {convicted:,}) of "
        f"{arrested:,}, {share:.1f}%, pending charges among them; 'more than 25': above 25%",
        HOLDS if share > 25 else FAILS,
    )


# --- "New York State" ---------------------------------------------------------------------------


def _nyc_aor(f: Figures) -> tuple[int, int, int, int] | None:
    found = reference_values(
        f,
        "nyc_aor_convicted_2016",
        "nyc_aor_noncriminal_2016",
        "nyc_aor_convicted_2017",
        "nyc_aor_noncriminal_2017",
    )
    return None if found is None else (found[0], found[1], found[2], found[3])


def ny_label(f: Figures) -> Outcome:
    return Outcome(
        "the article gives no other figure or definition for the area it calls New York State",
        UNVERIFIABLE,
    )


def ny_label_ref(f: Figures) -> Outcome | None:
    aor = _nyc_aor(f)
    row = f.reference("nyc_aor_convicted_2017")
    overall = series_values(series_row(f, "New York overall arrests"))
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


def ny_31(f: Figures) -> Outcome:
    row = series_row(f, "New York overall arrests")
    values = series_values(row)
    if values is None:
        return no_data(row)
    before, after = values
    growth = pct(after - before, before)
    return Outcome(
        f"+{growth:.1f}% ({before:,} to {after:,}); {roughly_rule(31, 'about')}",
        roughly(growth, 31),
    )


def ny_31_ref(f: Figures) -> Outcome | None:
    aor = _nyc_aor(f)
    if aor is None:
        return None
    before, after = aor[0] + aor[1], aor[2] + aor[3]
    growth = pct(after - before, before)
    return Outcome(
        f"ICE's NYC AOR ({cite_crains(f)}): +{growth:.1f}% ({aor[0]} + {aor[1]} = {before} to "
        f"{aor[2]} + {aor[3]} = {after}); {roughly_rule(31, 'about')}",
        roughly(growth, 31),
    )


def _doubled(before: int, after: int, who: str) -> Outcome:
    ratio = after / before if before else None
    if ratio is None:
        return Outcome(f"{who}from 0: no ratio", UNVERIFIABLE)
    return Outcome(
        f"{who}x{ratio:.2f} ({before:,} to {after:,}); 'more than doubled': above x2",
        HOLDS if ratio > 2 else FAILS,
    )


def ny_doubled(f: Figures) -> Outcome:
    row = series_row(f, "New York non-criminal arrests")
    values = series_values(row)
    if values is None:
        return no_data(row)
    return _doubled(*values, who="")


def ny_doubled_ref(f: Figures) -> Outcome | None:
    aor = _nyc_aor(f)
    return (
        None
        if aor is None
        else _doubled(aor[1], aor[3], who=f"ICE's NYC AOR ({cite_crains(f)}), non-criminal: ")
    )
