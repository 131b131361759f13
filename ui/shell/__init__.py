"""The application shell: start-up, the main window, actions, file handling."""
