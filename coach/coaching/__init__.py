"""Coaching rules, pure: plain values in, plain values (and words) out. No UI, no SQL.

Import the modules themselves (``from coach.coaching.outcome import session_end``); this
package imports nothing eagerly, so loading one rule never loads the others.
"""
