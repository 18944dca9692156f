/** The settings key that marks a database as demo data (the generator writes it; backup and the CLI read it). */
export const DEMO_MARKER = 'app:demo';
