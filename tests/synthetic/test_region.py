"""Many councils: sizes vary like real councils, England's totals hold."""

from datetime import date

from csc_tools.synthetic.region import generate_region, region_profiles


def test_england_has_152_councils_adding_up_to_england():
    profiles = region_profiles()
    populations = [p.population_0_17 for p in profiles]
    assert len(profiles) == 152 and len({p.la_code for p in profiles}) == 152
    assert sum(populations) == 12_100_000
    # Real councils run from a few thousand children to over 300,000.
    assert min(populations) < 20_000 and max(populations) > 200_000
    cla = sum(p.per_10k(p.cla_per_10k) for p in profiles)
    referrals = sum(p.per_10k(p.referrals_per_10k) for p in profiles)
    assert round(cla) == round(12_100_000 * 67 / 10_000)  # 81,070: England 81,770 at 67 per 10k
    assert 620_000 < referrals < 645_000  # England 632,830 in the year to March 2025
    cla_rates = sorted(p.cla_per_10k for p in profiles)
    assert cla_rates[0] < 45 and cla_rates[-1] > 110  # England's range is 27-184 per 10k


def test_the_same_seed_gives_the_same_region_and_another_seed_does_not():
    assert region_profiles(10, 500_000, seed=1) == region_profiles(10, 500_000, seed=1)
    assert region_profiles(10, 500_000, seed=1) != region_profiles(10, 500_000, seed=2)


def test_each_council_lands_in_its_own_folder(tmp_path):
    profiles = region_profiles(2, 8_000, seed=3)
    folders = generate_region(tmp_path, profiles, months=1, history_months=3,
                              last_extract=date(2025, 3, 31), workers=2)
    assert set(folders) == {p.la_code for p in profiles}
    for profile in profiles:
        extract = tmp_path / profile.la_code / "2025-03-31"
        assert folders[profile.la_code] == [extract]
        assert (extract / "cin_census.xml").read_text().count(f"<LEA>{profile.la_code}</LEA>") == 1
