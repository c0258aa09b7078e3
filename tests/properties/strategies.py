"""Hypothesis strategies shared by the property tests: Kubernetes-shaped names and hostile text."""

from __future__ import annotations

from hypothesis import strategies as st

#: Text that stresses parsers: the separators they split on, whitespace, controls, non-ASCII.
SEPARATORS = "=:,-/!()<> \t\n\r\x00é☃\U0001f418"
hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from("abcXYZ019_.") | st.sampled_from(SEPARATORS), max_size=40),
)

#: A DNS-1123 label: what pgo accepts as a label key's name part.
dns_label = st.from_regex(r"[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?", fullmatch=True)
dns_subdomain = st.lists(dns_label, min_size=1, max_size=4).map(".".join).filter(lambda s: len(s) <= 253)
label_key = st.one_of(dns_label, st.builds(lambda p, n: f"{p}/{n}", dns_subdomain, dns_label))
label_value = st.one_of(
    st.just(""), st.from_regex(r"[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?", fullmatch=True)
)
#: A piece without any of the characters pgo's item parsers split on.
plain_piece = st.text(
    alphabet=st.characters(blacklist_characters="=:,", blacklist_categories=("Cs",)), max_size=20
)
