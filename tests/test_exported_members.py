import corroborate


def test_all_is_sorted_public_and_importable():
    names = corroborate.__all__
    assert names == sorted(names)
    assert not [n for n in names if n.startswith("_")]
    for name in names:
        assert hasattr(corroborate, name), name
