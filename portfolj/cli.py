"""`portfolj`: create, check and describe initiatives without building the site.

It uses the same model, loader and Swedish messages as the build.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import textwrap
from datetime import date
from pathlib import Path

from portfolj.build import checked_portfolio
from portfolj.guide import DRAFT, new_challenge, new_initiative
from portfolj.messages import Problem
from portfolj.model import Initiative, challenge_model_for, model_for
from portfolj.loading import SLUG, challenge_context, load_vocabularies, read_initiative
from portfolj.portfolio import CHALLENGES, INITIATIVES
from portfolj.schema import front_matter_schema_json
from portfolj.taxonomy import Taxonomies, Taxonomy, load_taxonomies, slugify
from portfolj.urls import Site

# What argparse says itself, in Swedish: section headings and error messages.
_HEADINGS = {"positional arguments": "argument", "options": "flaggor"}
_ERRORS = {
    "the following arguments are required": "följande argument saknas",
    "unrecognized arguments": "okända argument",
    "invalid choice": "ogiltigt val",
    "choose from": "välj bland",
    "expected one argument": "ett värde behövs",
}


class _SwedishHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)

    def start_section(self, heading) -> None:
        super().start_section(_HEADINGS.get(heading, heading))


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Swedish: its help, usage and errors."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs, formatter_class=_SwedishHelp, add_help=False)
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str):
        for english, swedish in _ERRORS.items():
            message = message.replace(english, swedish)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {message}\n")


def main(argv: list[str] | None = None, *, content: Path = Path("content"),
         taxonomy: Path = Path("taxonomy.yml"), root: Path | None = None, site: Site = Site()) -> int:
    """Run the command in ``argv``; ``content`` and ``taxonomy`` are the site's
    folders (see portfolj_mkdocs.cli), which --content and --taxonomy override;
    ``root`` is the project's folder, which messages name paths from; ``site``
    is where it is published, which addresses in content are judged against."""
    try:
        return _main(argv, content, taxonomy, root, site)
    except KeyboardInterrupt:  # Ctrl-C while files are read: nothing has been written
        print("\nAvbrutet.", file=sys.stderr)
        return 130


def _main(argv: list[str] | None, content: Path, taxonomy: Path, root: Path | None, site: Site) -> int:
    # Where the files are comes first: `new` has an option for each required taxonomy.
    locations = argparse.ArgumentParser(add_help=False)
    locations.add_argument("--content", type=Path)
    locations.add_argument("--taxonomy", type=Path)
    given, _ = locations.parse_known_args(argv)
    content, taxonomy = given.content or content, given.taxonomy or taxonomy
    try:
        asked = _asked(load_taxonomies(taxonomy))
    except (OSError, ValueError):
        asked = []  # the command that needs the file says what is wrong with it
    args = _parser(asked).parse_args(argv)
    if not (given.content or content.is_dir()):
        print("Här finns ingen portfölj: varken mkdocs.yml eller mappen content/ finns i den här mappen eller "
              "någon mapp ovanför. Gå till portföljens mapp (den med mkdocs.yml) och kör kommandot där.",
              file=sys.stderr)
        return 1
    args.content, args.taxonomy, args.root, args.site = content, taxonomy, root, site
    return args.run(args)


def _asked(taxonomies: Taxonomies) -> list[Taxonomy]:
    """The taxonomies `new` fills in: the required ones."""
    return [taxonomy for taxonomy in taxonomies if taxonomy.required]


def _parser(asked: list[Taxonomy]) -> argparse.ArgumentParser:
    parser = _Parser(prog="portfolj", description="Verktyg för den som skriver initiativ till Innovationsportföljen.")
    parser.add_argument("--content", type=Path,
                        help="mappen med innehållet (standard: den som webbplatsen byggs från, annars content)")
    parser.add_argument("--taxonomy", type=Path,
                        help="taxonomifilen (standard: den som webbplatsen byggs med, annars taxonomy.yml)")
    commands = parser.add_subparsers(title="kommandon", metavar="KOMMANDO", required=True)

    new = commands.add_parser("new", help="skapa en ny initiativfil",
                              description="Skapar en fil i content/initiatives/ med de obligatoriska fälten och "
                                          "de föreslagna rubrikerna. Frågar efter det som saknas när du kör i en "
                                          "terminal. Skriver aldrig över en befintlig fil och skriver ingen fil som "
                                          "bygget inte godtar.")
    new.add_argument("title", nargs="?", help='initiativets titel, till exempel "Idésluss för medarbetare" '
                                              "(frågas efter om den saknas)")
    new.add_argument("--utmaning", metavar="TITEL",
                     help='skapa en utmaning (ett behov) i content/utmaningar/ i stället, till exempel '
                          '--utmaning "Fler äldre vill bo kvar hemma"')
    new.add_argument("--description", default="", help="en eller två meningar som sammanfattar initiativet")
    for taxonomy in asked:
        text = taxonomy.hint.rstrip(".") or taxonomy.label
        text = text[:1].lower() + text[1:]
        if not taxonomy.open:
            text = f"{taxonomy.label.lower()}: id eller svensk benämning"
        new.add_argument(f"--{taxonomy.field}", help=text + (", flera skiljs med komma" if taxonomy.multiple else ""))
    new.set_defaults(run=_new)

    check = commands.add_parser("check", help="kontrollera initiativfiler utan att bygga webbplatsen",
                                description="Kontrollerar filerna med samma regler och meddelanden som bygget. "
                                            "Utan filnamn kontrolleras alla initiativ. Slutstatus 0 om allt är "
                                            "rätt, annars 1.")
    check.add_argument("files", nargs="*", type=Path, metavar="FIL", help="filer att kontrollera")
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="text (standard), json eller github (anteckningar i GitHub Actions)")
    check.set_defaults(run=_check)

    schema = commands.add_parser("schema", help="skriv ut JSON Schema för front matter",
                                 description="Skriver ut JSON Schema för front matter, för redigerare.")
    schema.add_argument("--utmaning", action="store_true", help="schemat för utmaningar i stället för initiativ")
    schema.set_defaults(run=_schema)
    return parser


# ----------------------------------------------------------------------------
# check
# ----------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    if args.files:
        problems = _check_files(args)
    else:
        _, problems = checked_portfolio(args.content, args.taxonomy, args.root or Path.cwd(), args.site)
    print(_report(problems, args.format, len(args.files) or _count(args.content)))
    return 1 if problems else 0


def _check_files(args: argparse.Namespace) -> list[Problem]:
    taxonomies, model, problems = load_vocabularies(args.taxonomy, Path.cwd())
    if problems:
        return problems
    models = {INITIATIVES: model, CHALLENGES: challenge_model_for(taxonomies)}
    context = challenge_context(args.content)
    problems = []
    for file in args.files:
        shown = _shown(file)
        if not file.is_file() and not file.is_symlink():
            problems.append(Problem(shown, None, None, "Filen finns inte."))
            continue
        challenges = Path(os.path.abspath(args.content / CHALLENGES))
        kind = CHALLENGES if Path(os.path.abspath(file)).is_relative_to(challenges) else INITIATIVES
        folder = args.content / kind
        if file.suffix != ".md" or not Path(os.path.abspath(file)).is_relative_to(os.path.abspath(folder)):
            problems.append(Problem(shown, None, None,
                f"Filen är inget initiativ: initiativ är .md-filer i {_shown(folder)}/. Kontrollera sökvägen, "
                "eller kör portfolj check utan filnamn för att kontrollera alla initiativ."))
            continue
        problems += read_initiative(file.resolve(), args.content.resolve(), models[kind], shown, args.site, context)[1]
        twins = [other for other in folder.rglob(f"{file.stem}.md") if other.resolve() != file.resolve()]
        problems += [Problem(shown, None, None, f"Två filer har samma namn '{file.name}' (den andra är "
                             f"{_shown(twin)}). Varje initiativ behöver ett eget filnamn: byt namn på den ena.")
                     for twin in twins]
    return problems


def _report(problems: list[Problem], format: str, checked: int) -> str:
    if format == "json":
        return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)
    if format == "github":
        return "\n".join(_annotation(p) for p in problems)
    if not problems:
        return f"Inga fel i {checked} {'fil' if checked == 1 else 'filer'}."
    files = len({p.path for p in problems})
    return "\n".join(map(str, problems)) + f"\n\n{len(problems)} fel i {files} {'fil' if files == 1 else 'filer'}."


def _annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command, so the error shows on the changed line."""
    def escape(text: str, extra: str = "") -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        for char in extra:
            text = text.replace(char, {":": "%3A", ",": "%2C"}[char])
        return text

    properties = f"file={escape(problem.path, ':,')}"
    if problem.line:
        properties += f",line={problem.line}"
    if problem.field:
        properties += f",title={escape('Fältet ' + problem.field, ':,')}"
    return f"::error {properties}::{escape(problem.message)}"


def _count(content: Path) -> int:
    return sum(1 for folder in (INITIATIVES, CHALLENGES) for _ in (content / folder).rglob("*.md"))


# ----------------------------------------------------------------------------
# new
# ----------------------------------------------------------------------------


class _Cancelled(Exception):
    """Ctrl-C or Ctrl-D at a question: stop without writing anything."""


def _new(args: argparse.Namespace) -> int:
    try:
        if args.utmaning:
            return _new_challenge(args)
        taxonomies, model = _model(args)
        return _create(args, taxonomies, model, sys.stdin.isatty())
    except _Cancelled:
        print("\nAvbrutet. Ingen fil skapades.", file=sys.stderr)
        return 130


def _create(args: argparse.Namespace, taxonomies: Taxonomies, model: type[Initiative], interactive: bool) -> int:
    title = args.title or (_ask_until("Titel (högst 120 tecken): ") if interactive else None)
    if not title:
        print("Ange initiativets titel, till exempel: portfolj new \"Idésluss för medarbetare\"", file=sys.stderr)
        return 1
    refusal = _title_refusal(title)
    if refusal:
        print(refusal, file=sys.stderr)
        return 1
    slug = slugify(title)
    target = args.content / "initiatives" / f"{slug}.md"
    # A file of the same name in any subfolder would be the same page.
    existing = next((args.content / "initiatives").rglob(f"{slug}.md"), None)
    if existing is not None:
        print(f"Filen {_shown(existing)} finns redan och skrivs inte över. Välj en annan titel "
              "eller öppna den befintliga filen.", file=sys.stderr)
        return 1
    values = {taxonomy.field: _value(taxonomy, getattr(args, taxonomy.field), interactive)
              for taxonomy in _asked(taxonomies)}
    description = args.description or (
        _ask_until("\nBeskrivning (en eller två meningar, högst 300 tecken): ") if interactive else "")
    missing = [f"--{name}" for name, value in values.items() if not value]
    if missing:
        print(f"Ange {', '.join(missing)} (eller kör kommandot i en terminal så frågar det).", file=sys.stderr)
        return 1
    text = new_initiative(title, description, values, model)
    problems = _problems_of(text, target, model)
    if problems:
        print("\n".join(map(str, problems)) + "\n\nIngen fil skapades. Rätta värdena och försök igen.",
              file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as file:  # "x": never overwrite, even a file made meanwhile
        file.write(text)
    if DRAFT in model.model_fields:
        print(f"Skapade {_shown(target)} som utkast ({DRAFT}: true), som inte publiceras. Fyll i texten, "
              f"kör portfolj check {_shown(target)} och ta bort raden {DRAFT}: true när det ska publiceras.")
    else:
        print(f"Skapade {_shown(target)}. Fyll i texten och kör sedan: portfolj check {_shown(target)}")
    return 0


def _title_refusal(title: str) -> str | None:
    """Why a title cannot name a file, or None."""
    try:
        title.encode("utf-8")
    except UnicodeEncodeError:
        return ("Titeln innehåller tecken som inte är text (terminalen skickade något som inte är UTF-8). "
                "Skriv titeln igen, eller ställ in terminalen på UTF-8.")
    if slugify(f"{title}0") == "0":  # nothing of the title would be left in the file name
        return ("Titeln behöver minst en bokstav a–ö eller en siffra: filnamnet och sidans adress "
                "görs av den.")
    return None


def _problems_of(text: str, target: Path, model: type[Initiative]) -> list[Problem]:
    """The build's own judgement of the file, before it exists."""
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / "initiatives" / target.name
        trial.parent.mkdir()
        trial.write_text(text, encoding="utf-8")
        return read_initiative(trial, Path(folder), model, _shown(target))[1]


def _new_challenge(args: argparse.Namespace) -> int:
    taxonomies, _ = _model(args)
    slug = slugify(args.utmaning)
    folder = args.content / CHALLENGES
    existing = next(folder.rglob(f"{slug}.md"), None) if folder.is_dir() else None
    if existing is not None or slug == "index":
        print(f"Filen {_shown(existing or folder / 'index.md')} finns redan eller är reserverad och skrivs inte "
              "över. Välj en annan titel.", file=sys.stderr)
        return 1
    organisation = getattr(args, "organisation", None) or (_ask_until("Organisation som äger behovet (förvaltning, avdelning eller bolag): ")
                                         if sys.stdin.isatty() else None)
    if not organisation:
        print("Ange --organisation (eller kör kommandot i en terminal så frågar det).", file=sys.stderr)
        return 1
    target = folder / f"{slug}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as file:  # "x": never overwrite, even a file made meanwhile
        file.write(new_challenge(args.utmaning, args.description, organisation, date.today(), challenge_model_for(taxonomies)))
    print(f"Skapade {_shown(target)}. Beskriv behovet och vem som har det, och kör sedan: portfolj check {_shown(target)}")
    return 0


def _value(taxonomy: Taxonomy, given: str | None, interactive: bool):
    """A required field's value: given as an option, else asked in a terminal (else None)."""
    if taxonomy.open:
        text = given or (_ask_until(f"\n{taxonomy.label} "
                                    f"({taxonomy.hint.rstrip('.').lower() or taxonomy.plural.lower()}): ")
                         if interactive else None)
        return ([part.strip() for part in text.split(",") if part.strip()] if taxonomy.multiple else text) if text else None
    if given:
        ids = [_term(taxonomy, part.strip()) for part in (given.split(",") if taxonomy.multiple else [given])]
        return ids if taxonomy.multiple else ids[0]
    if not interactive:
        return None
    print(f"\n{taxonomy.label}:")
    for number, term in enumerate(taxonomy.terms, start=1):
        print(f"  {number}) {term.label} ({term.id})")
        if term.description:  # what each choice means, to choose by
            print(textwrap.fill(term.description, width=78, initial_indent="     ", subsequent_indent="     "))
    while True:
        answer = _ask_until("Välj nummer, id eller benämning: ")
        if answer.isdigit() and 1 <= int(answer) <= len(taxonomy.terms):
            term = taxonomy.terms[int(answer) - 1]
        else:
            term = taxonomy.lookup(answer)
        if term is not None:
            return [term.id] if taxonomy.multiple else term.id
        print(f"'{answer}' känns inte igen.{_did_you_mean(taxonomy, answer)} Försök igen.")


def _term(taxonomy: Taxonomy, given: str):
    term = taxonomy.lookup(given)
    if term is None:
        raise SystemExit(f"Okänt värde '{given}' för --{taxonomy.field}.{_did_you_mean(taxonomy, given)} "
                         f"Tillåtna värden: {taxonomy.describe_allowed()}.")
    return term.id


def _did_you_mean(taxonomy: Taxonomy, value: str) -> str:
    guess = taxonomy.suggest(value)
    return f" Menade du '{guess.id}' ({guess.label})?" if guess else ""


def _ask_until(prompt: str) -> str:
    """Asks again until the answer is not empty."""
    while True:
        answer = _ask(prompt)
        if answer:
            return answer
        print("Ett svar behövs här.")


def _ask(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except (KeyboardInterrupt, EOFError):
        raise _Cancelled from None


# ----------------------------------------------------------------------------
# schema and helpers
# ----------------------------------------------------------------------------


def _schema(args: argparse.Namespace) -> int:
    taxonomies, model = _model(args)
    sys.stdout.write(front_matter_schema_json(challenge_model_for(taxonomies) if args.utmaning else model))
    return 0


def _model(args: argparse.Namespace) -> tuple[Taxonomies, type[Initiative]]:
    try:
        taxonomies = load_taxonomies(args.taxonomy)
        return taxonomies, model_for(taxonomies)
    except (OSError, ValueError) as error:
        raise SystemExit(f"Taxonomifilen {args.taxonomy} går inte att läsa: {error}") from None


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


if __name__ == "__main__":
    sys.exit(main())
