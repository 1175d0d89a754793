// The app shell. Placeholder until the account pages land: it names the product so the
// serving and CSP tests have a page to load.
export function App() {
  return (
    <main>
      <h1>Bulwark</h1>
      <p>Sign-in is coming to this portal.</p>
    </main>
  );
}
