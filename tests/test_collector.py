import gc

import pytest

from graph import collector


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_turns_the_collector_off_and_back_as_it_was(enabled):
    before = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with collector.paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(KeyError), collector.paused():
            raise KeyError("a failing block")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if before else gc.disable)()
