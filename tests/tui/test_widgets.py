"""Pure pieces of the TUI: timer text, block clock, agenda strip, settings."""

from __future__ import annotations

from datetime import timedelta, timezone

from facilitator.core.clock import replay
from facilitator.core.model import ClockEvent
from facilitator.services.settings import Settings
from facilitator.tui.widgets.agenda_strip import render_strip
from facilitator.tui.widgets.timer import big_lines, fit_scale, timer_text


def test_timer_text_counts_into_overrun():
    assert timer_text(timedelta(minutes=4, seconds=5)) == "04:05"
    assert timer_text(timedelta(seconds=-75)) == "-01:15"
    assert timer_text(timedelta(hours=1, seconds=1)) == "1:00:01"


def test_block_clock_scales_to_fit():
    assert fit_scale("00:00", 80, 14) == 2
    assert fit_scale("00:00", 200, 60) >= 5
    assert fit_scale("00:00", 10, 3) == 1
    lines = big_lines("1:0", 2)
    assert len(lines) == 10 and len({len(line) for line in lines}) == 1


def test_strip_shows_planned_actual_adjusted_and_delay(service, clock):
    s = service.session

    def ev(action, minutes_in, **kw):
        return ClockEvent(id=f"c-{action}-{minutes_in}", at=clock.t + timedelta(minutes=minutes_in),
                          action=action, **kw)

    events = [ev("start", 0), ev("adjust", 0, phase="oefenen", minutes=-2)]
    state = replay(s.phases, events, clock.t + timedelta(minutes=8))
    text = render_strip(state, s.phases, "nl", timezone.utc).plain
    assert "▶ Introductie 8/5" in text and "Oefenen 0/15→13" in text
    assert "Gepland einde 14:09" in text and "(1 min later)" in text  # 3 over, 2 already cut
    en = render_strip(state, s.phases, "en", timezone.utc).plain
    assert "Planned end 14:09" in en and "cut:" in en


def test_settings_survive_a_broken_file(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("lang = [broken\n")
    assert Settings.load(path) == Settings()
    Settings(lang="en", theme="facilitator-light", bell=False).save(path)
    assert Settings.load(path) == Settings(lang="en", theme="facilitator-light", bell=False)
    path.write_text('lang = "fr"\ntheme = "neon"\nbell = "yes"\n')
    assert Settings.load(path) == Settings()


def test_strip_of_a_meeting_paused_on_another_day_shows_no_projection(service, clock):
    s = service.session
    events = [ClockEvent(id="c1", at=clock.t, action="start"),
              ClockEvent(id="c2", at=clock.t + timedelta(minutes=20), action="pause")]
    state = replay(s.phases, events, clock.t + timedelta(days=7))
    text = render_strip(state, s.phases, "nl", timezone.utc).plain
    assert "Gepland einde 14:09 op 23 november 2026 · gepauzeerd" in text and "later" not in text
    same_day = replay(s.phases, events, clock.t + timedelta(hours=2))
    assert "verwacht" in render_strip(same_day, s.phases, "nl", timezone.utc).plain


def test_the_key_bar_tells_a_text_field_without_importing_one():
    """typing() decides the bar's mode at every draw; the home list has no text field, and
    importing TextArea to learn so cost ~15 ms before the list was usable."""
    import subprocess
    import sys

    code = ("import sys; from textual.widgets import DataTable; from facilitator.tui.widgets.keybar import typing;"
            "assert not typing(DataTable()) and not typing(None);"
            "sys.exit(1 if 'textual.widgets._text_area' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
    from textual.widgets import Input, TextArea

    from facilitator.tui.widgets.keybar import typing

    assert typing(Input()) and typing(TextArea())
    assert not typing(TextArea(read_only=True))
