"""The read side: queries, charts, filters and formatting for the Streamlit pages."""
