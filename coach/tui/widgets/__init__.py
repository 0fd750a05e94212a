"""Widgets of coach's own: the breathing pacer, the calendar heatmap, the pain chart."""
