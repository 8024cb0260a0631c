"""A first, simple skill list: a curated dictionary of common skills with aliases, matched on word boundaries.

The full taxonomy-backed extractor with evidence replaces this in a later issue; the interface
(`extract_skills(text) -> list[str]` of canonical names) stays.
"""

from __future__ import annotations

import re
from functools import lru_cache

# canonical name -> aliases (lower case). Short or ambiguous names carry explicit patterns below.
_SKILLS: dict[str, tuple[str, ...]] = {
    "Python": ("python",),
    "Java": ("java",),
    "JavaScript": ("javascript", "js", "ecmascript"),
    "TypeScript": ("typescript",),
    "C#": ("c#", "csharp"),
    "C++": ("c++", "cpp"),
    "C": (),
    "Go": ("golang",),
    "Rust": ("rust",),
    "Ruby": ("ruby",),
    "PHP": ("php",),
    "Kotlin": ("kotlin",),
    "Swift": ("swift",),
    "Scala": ("scala",),
    "R": (),
    "SQL": ("sql",),
    "Bash": ("bash", "shell scripting"),
    "PowerShell": ("powershell",),
    "HTML": ("html", "html5"),
    "CSS": ("css", "css3"),
    "React": ("react", "react.js", "reactjs"),
    "React Native": ("react native",),
    "Angular": ("angular", "angularjs"),
    "Vue.js": ("vue", "vue.js", "vuejs"),
    "Node.js": ("node.js", "nodejs", "node js"),
    "Django": ("django",),
    "Flask": ("flask",),
    "FastAPI": ("fastapi",),
    "Spring": ("spring", "spring boot"),
    ".NET": (".net", "dotnet", "asp.net"),
    "PostgreSQL": ("postgresql", "postgres"),
    "MySQL": ("mysql",),
    "MongoDB": ("mongodb", "mongo"),
    "Redis": ("redis",),
    "Elasticsearch": ("elasticsearch",),
    "OpenSearch": ("opensearch",),
    "Cassandra": ("cassandra",),
    "Kafka": ("kafka", "apache kafka"),
    "Spark": ("spark", "apache spark", "pyspark"),
    "Hadoop": ("hadoop",),
    "AWS": ("aws", "amazon web services"),
    "Azure": ("azure", "microsoft azure"),
    "Google Cloud": ("gcp", "google cloud", "google cloud platform"),
    "Docker": ("docker",),
    "Kubernetes": ("kubernetes", "k8s"),
    "Terraform": ("terraform",),
    "Ansible": ("ansible",),
    "Jenkins": ("jenkins",),
    "Git": ("git",),
    "Linux": ("linux",),
    "Windows": ("windows",),
    "CI/CD": ("ci/cd", "continuous integration", "continuous delivery", "continuous deployment"),
    "DevOps": ("devops",),
    "Microservices": ("microservices", "micro-services"),
    "REST": ("rest api", "rest apis", "restful", "rest"),  # case-sensitive: "REST", "RESTful"
    "GraphQL": ("graphql",),
    "Machine Learning": ("machine learning", "ml"),
    "Deep Learning": ("deep learning",),
    "Natural Language Processing": ("natural language processing", "nlp"),
    "Computer Vision": ("computer vision",),
    "Data Science": ("data science",),
    "Statistics": ("statistics", "statistical"),
    "TensorFlow": ("tensorflow",),
    "PyTorch": ("pytorch",),
    "scikit-learn": ("scikit-learn", "sklearn"),
    "Pandas": ("pandas",),
    "NumPy": ("numpy",),
    "Tableau": ("tableau",),
    "Power BI": ("power bi", "powerbi"),
    "Excel": ("excel", "microsoft excel"),
    "Agile": ("agile",),
    "Scrum": ("scrum",),
    "Distributed Systems": ("distributed systems", "distributed computing"),
    "Security": ("security", "cybersecurity"),
    "Networking": ("networking", "tcp/ip"),
    "Project Management": ("project management",),
    "Communication": ("communication skills",),
    "Leadership": ("leadership",),
}

# Names that are common English words or single letters: accepted only in a technical spelling/context.
_CONTEXT_PATTERNS: dict[str, str] = {
    "C": r"(?<![\w#+])C(?=\s*(?:,|/|\+\+|\)|and\b|programming|language))(?![#+])",
    "R": r"(?<![\w])R(?=\s*(?:,|/|\)|programming|language|studio))",
    "Go": r"(?<![\w])Go(?=\s*(?:,|/|\)|programming|language|lang\b))|\bGolang\b",
}

# Names that are also ordinary words ("we react", "rest easy", "excel at", "swift delivery"):
# matched only with their technical capitalisation.
_CASE_SENSITIVE = frozenset({"React", "REST", "Spring", "Swift", "Rust", "Excel", "Agile", "Security", "Windows"})


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern[str]]]:
    compiled = []
    for canonical, aliases in _SKILLS.items():
        if canonical in _CONTEXT_PATTERNS:
            compiled.append((canonical, re.compile(_CONTEXT_PATTERNS[canonical])))
        if aliases:
            alternatives = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
            # Word edges that also respect symbols: "c++" or ".net" must not be part of a longer token.
            flags = 0 if canonical in _CASE_SENSITIVE else re.I
            if canonical in _CASE_SENSITIVE:
                alternatives = "|".join(
                    re.escape(a) for a in sorted({_capitalise(a, canonical) for a in aliases}, key=len, reverse=True)
                )
            compiled.append((canonical, re.compile(rf"(?<![\w.+#])(?:{alternatives})(?![\w+#]|\.\w)", flags)))
    return compiled


def _capitalise(alias: str, canonical: str) -> str:
    """The alias in the canonical's spelling: 'react.js' -> 'React.js', 'restful' -> 'RESTful'."""
    if alias.lower().startswith(canonical.lower()):
        return canonical + alias[len(canonical) :]
    return alias[:1].upper() + alias[1:]


def extract_skills(text: str) -> list[str]:
    """Canonical skill names found in the text, in first-appearance order."""
    found: dict[str, int] = {}
    for canonical, pattern in _compiled():
        match = pattern.search(text)
        if match and (canonical not in found or match.start() < found[canonical]):
            found[canonical] = match.start()
    # "React Native" is not "React": drop React when its only mentions are inside "React Native".
    if "React" in found and "React Native" in found:
        plain = re.search(r"(?<![\w.])react(?:\.js|js)?(?!\s+native)\b", text, re.I)
        if plain is None:
            del found["React"]
    return sorted(found, key=lambda name: found[name])
