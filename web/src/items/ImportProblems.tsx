// What is wrong with an import file, line by line (or item by item): shown instead of importing,
// as one alert, the first problems listed and the rest counted.

/** How many problems are listed; the count says if there are more. */
const SHOWN_PROBLEMS = 20;

export function ImportProblems(p: { problems: readonly string[] }) {
  if (p.problems.length === 0) return null;
  const count = p.problems.length;
  return (
    <div class="alert alert-error" role="alert">
      <p>Nothing was imported: the file has {count === 1 ? "a problem" : `${count} problems`}.</p>
      <ul>
        {p.problems.slice(0, SHOWN_PROBLEMS).map((problem, i) => (
          <li key={i}>{problem}</li>
        ))}
      </ul>
      {count > SHOWN_PROBLEMS ? <p>…and {count - SHOWN_PROBLEMS} more.</p> : null}
    </div>
  );
}
