/**
 * The same request in four languages, ready to paste. The API key is never written: when the user
 * has one for this portal, the snippet reads it from the ODS_API_KEY environment variable (a
 * placeholder in the browser's fetch), sent as ODS wants it (`Authorization: Apikey …`); without
 * one, the snippet sends none, as the explorer does.
 */

export type SnippetLanguage = 'curl' | 'python' | 'javascript' | 'r';

export const SNIPPET_LANGUAGES: { id: SnippetLanguage; label: string }[] = [
  { id: 'curl', label: 'curl' },
  { id: 'python', label: 'Python (requests)' },
  { id: 'javascript', label: 'JavaScript (fetch)' },
  { id: 'r', label: 'R (httr2)' },
];

export const API_KEY_VARIABLE = 'ODS_API_KEY';
export const API_KEY_PLACEHOLDER = 'YOUR_API_KEY';

/** A shell word in single quotes: nothing inside is expanded. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A string literal for Python, JavaScript and R alike: JSON's escapes are valid in the three. */
function literal(text: string): string {
  return JSON.stringify(text);
}

/** A JSON (or other text) request with its key header when `withKey`; binary exports go to a file. */
export function snippet(language: SnippetLanguage, url: string, withKey: boolean, saveAs?: string): string {
  switch (language) {
    case 'curl': {
      const header = withKey ? ` \\\n  -H "Authorization: Apikey $${API_KEY_VARIABLE}"` : '';
      const output = saveAs ? ` \\\n  -o ${shellQuote(saveAs)}` : '';
      return `curl -sS --fail-with-body${header}${output} \\\n  ${shellQuote(url)}`;
    }
    case 'python': {
      const lines = ['import requests'];
      if (withKey) lines.unshift('import os');
      lines.push('');
      const headers = withKey
        ? `, headers={"Authorization": f"Apikey {os.environ['${API_KEY_VARIABLE}']}"}`
        : '';
      lines.push(`response = requests.get(${literal(url)}${headers}${saveAs ? ', stream=True' : ''})`);
      lines.push('response.raise_for_status()');
      if (saveAs) {
        lines.push(`with open(${literal(saveAs)}, "wb") as file:`);
        lines.push('    for chunk in response.iter_content(chunk_size=1 << 20):');
        lines.push('        file.write(chunk)');
      } else lines.push('data = response.json()');
      return lines.join('\n');
    }
    case 'javascript': {
      const options = withKey ? `, {\n  headers: { Authorization: 'Apikey ${API_KEY_PLACEHOLDER}' },\n}` : '';
      const read = saveAs ? 'const blob = await response.blob();' : 'const data = await response.json();';
      return [
        `const response = await fetch(${literal(url)}${options});`,
        "if (!response.ok) throw new Error(response.status + ': ' + (await response.text()));",
        read,
      ].join('\n');
    }
    case 'r': {
      const lines = ['library(httr2)', '', `response <- request(${literal(url)}) |>`];
      if (withKey)
        lines.push(`  req_headers(Authorization = paste("Apikey", Sys.getenv("${API_KEY_VARIABLE}"))) |>`);
      lines.push(saveAs ? `  req_perform(path = ${literal(saveAs)})` : '  req_perform()');
      if (!saveAs) lines.push('data <- resp_body_json(response)');
      return lines.join('\n');
    }
    default: {
      const unknown: never = language;
      return unknown;
    }
  }
}
