// Placeholder until the Serving view lands: the shell links here.
export function ServingView() {
  return <section aria-label="Serving" className="view-placeholder">Serving is not available yet.</section>;
}
