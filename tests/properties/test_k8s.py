"""Properties of the Kubernetes rules: quantities (pgo_cli.k8s), name and label validation, and
label selectors (pgo_cli.emulator.selectors)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pgo_cli import k8s
from pgo_cli.emulator import selectors
from pgo_cli.k8s import QuantityError, parse_quantity
from tests.properties.strategies import hostile_text, label_key, label_value

# Texts shaped like quantities (the regex Go checks first), with bounded exponents: Go's inf.Dec
# and Python's int both take time proportional to the exponent.
quantity_like = st.from_regex(r"[+-]?[0-9.]{1,12}([eEinumkKMGTP]{0,2}[-+]?[0-9]{0,2})", fullmatch=True)
quantity_text = st.one_of(quantity_like, hostile_text)


@given(quantity_text)
def test_quantities_parse_or_raise_quantity_error(text: str) -> None:
    try:
        quantity = parse_quantity(text)
    except QuantityError as error:
        assert error.message in (k8s.ERR_FORMAT_WRONG, k8s.ERR_NUMERIC, k8s.ERR_SUFFIX)
        return
    assert isinstance(quantity.canonical(), str)
    assert isinstance(str(quantity), str)


@given(quantity_like)
def test_canonical_form_reparses_to_the_same_value_and_is_idempotent(text: str) -> None:
    try:
        quantity = parse_quantity(text)
    except QuantityError:
        return
    canonical = quantity.canonical()
    again = parse_quantity(canonical)
    assert again == quantity, (text, canonical)
    assert again.canonical() == canonical, (text, canonical)


@given(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from(["", "k", "M", "G", "Ki", "Mi", "Gi", "m"]),
)
def test_suffixes_mean_their_factors(number: int, suffix: str) -> None:
    factors = {"": "", "k": "e3", "M": "e6", "G": "e9", "m": "e-3"}
    quantity = parse_quantity(f"{number}{suffix}")
    if suffix in factors:
        assert parse_quantity(f"{number}{factors[suffix]}") == quantity
        return
    value = number * 2 ** {"Ki": 10, "Mi": 20, "Gi": 30}[suffix]
    cap = 2**63 - 1  # Go caps BinarySI amounts at MaxInt64 (ParseQuantity's maxAllowed)
    expected = max(-cap, min(cap, value))
    assert quantity.mantissa * 10**quantity.exponent == expected


@given(hostile_text)
def test_name_checks_return_message_lists(text: str) -> None:
    for check in (
        k8s.dns1123_label_errors,
        k8s.dns1123_subdomain_errors,
        k8s.dns1035_label_errors,
        k8s.label_value_errors,
    ):
        errors = check(text)
        assert isinstance(errors, list) and all(isinstance(error, str) for error in errors)


@given(st.dictionaries(hostile_text, hostile_text, max_size=4))
def test_validate_labels_returns_a_message_or_none(labels: dict[str, str]) -> None:
    problem = k8s.validate_labels(labels)
    assert problem is None or problem.startswith("invalid label: ")


# -- selectors -------------------------------------------------------------------------------------

selector_chars = st.sampled_from([*"abz09-_./=!(),<> ", "in", "notin", " in ", " notin "])
selector_like = st.lists(selector_chars, max_size=30).map("".join)


@given(st.one_of(selector_like, hostile_text))
def test_selectors_parse_or_raise_selector_error(text: str) -> None:
    try:
        requirements = selectors.parse(text)
    except selectors.SelectorError as error:
        assert str(error)
        return
    assert selectors.matches(requirements, {}) in (True, False)


requirement = st.one_of(
    st.builds(lambda k, v: (f"{k}={v}", lambda labels: labels.get(k) == v), label_key, label_value),
    st.builds(lambda k, v: (f"{k}!={v}", lambda labels: labels.get(k) != v), label_key, label_value),
    st.builds(lambda k: (k, lambda labels: k in labels), label_key),
    st.builds(lambda k: (f"!{k}", lambda labels: k not in labels), label_key),
    st.builds(
        lambda k, vs: (f"{k} in ({','.join(vs)})", lambda labels: k in labels and labels[k] in vs),
        label_key,
        st.lists(label_value.filter(bool), min_size=1, max_size=3),
    ),
    st.builds(
        lambda k, vs: (f"{k} notin ({','.join(vs)})", lambda labels: labels.get(k) not in vs),
        label_key,
        st.lists(label_value.filter(bool), min_size=1, max_size=3),
    ),
)


@given(st.lists(requirement, max_size=4), st.dictionaries(label_key, label_value, max_size=4), st.data())
def test_selectors_mean_what_they_say(terms: list, labels: dict[str, str], data: st.DataObject) -> None:  # type: ignore[type-arg]
    # Draw label maps that hit the selector's own keys too, not only random ones.
    for text, _ in terms:
        key = text.lstrip("!").split("!=")[0].split("=")[0].split(" ")[0]
        if data.draw(st.booleans()):
            labels[key] = data.draw(label_value)
    selector = ",".join(text for text, _ in terms)
    expected = all(holds(labels) for _, holds in terms)
    assert selectors.matches(selectors.parse(selector), labels) is expected, (selector, labels)
