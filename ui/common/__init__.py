"""Small pieces every part of the window uses: errors, background work, widgets."""
