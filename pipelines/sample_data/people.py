"""Fake but realistic personal data (names, documents, phone numbers).

Nothing here belongs to a real person: every value is drawn from a seeded
random stream out of common Colombian first names and surnames.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FEMALE_NAMES = (
    "María", "Luz", "Ana", "Carmen", "Gloria", "Martha", "Sandra", "Claudia", "Diana", "Paola",
    "Andrea", "Carolina", "Natalia", "Daniela", "Laura", "Valentina", "Yolanda", "Blanca", "Rosa",
    "Leidy", "Yuliana", "Marcela", "Patricia", "Adriana", "Liliana", "Johana", "Ximena", "Lina",
)  # fmt: skip
MALE_NAMES = (
    "José", "Luis", "Carlos", "Jorge", "Juan", "Jaime", "Édgar", "Hernán", "Fabio", "Álvaro",
    "Andrés", "Diego", "Camilo", "Sebastián", "Julián", "Óscar", "Wilson", "Jhon", "Fredy",
    "Alexánder", "Nelson", "Rubén", "Germán", "Rodrigo", "Mauricio", "Héctor", "Iván", "Ramiro",
)  # fmt: skip
FEMALE_SECOND_NAMES = ("Fernanda", "Alejandra", "Patricia", "Cristina", "Isabel", "Eugenia", "Milena")
MALE_SECOND_NAMES = ("Alberto", "Eduardo", "Antonio", "Fernando", "David", "Felipe", "Enrique", "Esteban")
SURNAMES = (
    "Rodríguez", "Gómez", "González", "Martínez", "García", "López", "Hernández", "Sánchez",
    "Ramírez", "Pérez", "Díaz", "Muñoz", "Rojas", "Moreno", "Jiménez", "Vargas", "Castro",
    "Gutiérrez", "Ortiz", "Álvarez", "Torres", "Suárez", "Romero", "Ruiz", "Valencia", "Quintero",
    "Restrepo", "Cárdenas", "Mejía", "Salazar", "Ospina", "Zapata", "Cardona", "Giraldo",
    "Londoño", "Arango", "Patiño", "Bedoya", "Cuéllar", "Peña", "Ávila", "Montoya", "Ibáñez",
    "Córdoba", "Mosquera", "Palacios", "Quiñones", "Becerra", "Niño", "Buitrago",
)  # fmt: skip
COMPANY_WORDS = (
    "Minerales", "Carbones", "Esmeraldas", "Oro", "Agregados", "Calizas", "Materiales", "Arcillas",
)  # fmt: skip
COMPANY_PLACES = (
    "del Norte", "de Boyacá", "de Antioquia", "del Cauca", "La Esperanza", "San Luis", "El Diamante",
    "Santa Rosa", "Los Andes", "del Sur",
)  # fmt: skip
MOBILE_PREFIXES = (
    "300", "301", "302", "304", "305", "310", "311", "312", "313", "314", "315", "316", "317",
    "318", "319", "320", "321", "322", "323", "324", "350", "351",
)  # fmt: skip
LANDLINE_PREFIXES = ("601", "604", "605", "607", "608", "602")


@dataclass(frozen=True)
class Person:
    tipo_documento: str
    numero_documento: str
    nombre: str


def fake_name(rng: random.Random) -> str:
    female = rng.random() < 0.45
    first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
    if rng.random() < 0.35:
        first = f"{first} {rng.choice(FEMALE_SECOND_NAMES if female else MALE_SECOND_NAMES)}"
    surnames = f"{rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
    return f"{first} {surnames}"


def _cedula(rng: random.Random) -> str:
    """Older citizens have 7-8 digit numbers, younger ones 10 digits starting with 10."""
    if rng.random() < 0.55:
        return str(rng.randrange(1_000_000, 99_999_999))
    return str(rng.randrange(1_000_000_000, 1_130_000_000))


def _with_dots(number: str) -> str:
    """`79456123` -> `79.456.123`, as many people write a cédula."""
    groups = []
    while number:
        groups.insert(0, number[-3:])
        number = number[:-3]
    return ".".join(groups)


def fake_person(rng: random.Random) -> Person:
    roll = rng.random()
    if roll < 0.86:
        number = _cedula(rng)
        return Person("CC", _with_dots(number) if rng.random() < 0.12 else number, fake_name(rng))
    if roll < 0.93:
        nit = f"{rng.randrange(800_000_000, 901_999_999)}-{rng.randrange(10)}"
        name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_PLACES)} S.A.S."
        return Person("NIT", nit, name)
    if roll < 0.97:
        return Person("CE", str(rng.randrange(100_000, 9_999_999)), fake_name(rng))
    if roll < 0.99:
        letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVXYZ") for _ in range(2))
        return Person("PAS", f"{letters}{rng.randrange(100_000, 999_999)}", fake_name(rng))
    return Person("TI", str(rng.randrange(1_000_000_000, 1_120_000_000)), fake_name(rng))


def fake_mobile(rng: random.Random) -> str:
    """A 10-digit Colombian mobile number, e.g. `3124567890`."""
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10_000_000):07d}"


def fake_landline(rng: random.Random) -> str:
    """A 10-digit Colombian landline (2025 numbering plan), e.g. `6012201999`."""
    return f"{rng.choice(LANDLINE_PREFIXES)}{rng.randrange(2_000_000, 8_000_000)}"


def spaced_international(number: str) -> str:
    """`3124567890` -> `+57 312 456 7890`."""
    return f"+57 {number[:3]} {number[3:6]} {number[6:]}"


def people_pool(rng: random.Random, size: int) -> list[Person]:
    return [fake_person(rng) for _ in range(size)]


def pick_repeat_visitor(rng: random.Random, pool: list[Person], repeat_share: float) -> Person:
    """Mostly new people; `repeat_share` of the time one of the first tenth of the pool (frequent users)."""
    if rng.random() < repeat_share:
        return pool[rng.randrange(max(1, len(pool) // 10))]
    return rng.choice(pool)
