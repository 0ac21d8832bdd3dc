/** GET a URL and parse its JSON body; `any` because each test asserts the shape it expects. */
export async function getJson(url: string): Promise<any> {
  return (await fetch(url)).json();
}
