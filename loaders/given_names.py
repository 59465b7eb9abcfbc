"""Common English given names: a Latin "Firstname Lastname" next to a cue is a person.

Drawn from the most frequent given names in US birth records (Social Security
Administration lists, 1940s–2000s) plus given names of people often in AI news.
The caller also checks the words before: 零售商Eddie Bauer is a company. A name
whose second word marks an organisation (Jasper AI, Grace Robotics) is not a person.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


GIVEN_NAMES = _words("""
    Aaron Adam Adrian Aidan Alan Albert Alex Alexander Alexandra Alexis Alice Alicia Allison
    Amanda Amy Andrea Andrew Andy Angela Anna Anne Anthony Arthur Ashley Austin Barbara
    Ben Benjamin Beth Betty Bill Billy Blake Bob Bobby Brad Bradley Brandon Brenda Brett
    Brian Bruce Bryan Caitlin Cameron Carl Carlos Carol Caroline Catherine Charles Charlie
    Chris Christian Christina Christine Christopher Cindy Claire Colin Connor Craig Cynthia
    Dan Daniel Danielle Dave David Dean Deborah Denise Dennis Derek Diana Diane Donald Donna
    Doug Douglas Dylan Ed Eddie Edward Elizabeth Ellen Emily Emma Eric Erica Erik Ethan Eva
    Evan Frank Fred Gabriel Garry Gary George Grace Greg Gregory Hannah Harry Heather Helen
    Henry Holly Ian Isaac Jack Jacob Jake James Jamie Jane Janet Jared Jason Jay Jeff
    Jeffrey Jen Jennifer Jeremy Jerry Jessica Jill Jim Jimmy Joan Joe Joel John Johnny Jon
    Jonathan Jordan Jose Joseph Josh Joshua Joyce Juan Judith Judy Julia Julian Julie Justin
    Karen Kate Katherine Kathleen Kathy Katie Keith Kelly Ken Kenneth Kevin Kim Kimberly
    Kyle Larry Laura Lauren Leo Linda Lisa Liz Logan Lori Louis Lucas Luke Lynn Margaret
    Maria Marie Marissa Martin Mary Matt Matthew Max Megan Melissa Michael Michelle Mike
    Mira Mitchell Molly Nancy Natalie Nathan Neil Nicholas Nick Nicole Noah Noam Olivia
    Oliver Owen Pamela Pat Patricia Patrick Paul Peter Phil Philip Rachel Ralph Randy
    Raymond Rebecca Reid Richard Rick Rob Robert Robin Roger Ronald Ross Russell Ruth Ryan
    Sally Samantha Samuel Sandra Sara Sarah Scott Sean Sharon Shawn Stephanie Stephen
    Steve Steven Susan Tara Taylor Teresa Terry Thomas Tim Timothy Tina Todd Tom Tony
    Tracy Travis Trevor Tyler Victoria Vincent Virginia Walter Wayne William Zach Zachary
    Aidan Alexandr Amjad Aravind Arthur Bret Brendan Chelsea Clement Daniela Emad Fei-Fei
    Fidji Guillaume Jakub Jan Jony Joanne Kai-Fu Koray Lilian Marc Masayoshi Mustafa Nat
    Oriol Percy Reed Sergey Shane Sheryl Wojciech Yoshua
""")

# Second words that make "Firstname X" an organisation, not a person.
ORG_WORDS = _words("""
    AI Labs Lab Robotics Intelligence Capital Ventures Partners Bio Health Technologies Tech
    Systems Networks Security Cloud Energy Group Holdings Inc Corp Research Studio Studios
    Foundation Institute Motors Dynamics Analytics Data Software Semiconductor Computing
""")


def is_person_name(name: str) -> bool:
    """A Latin two-word name that reads as a person's.

    >>> is_person_name("Kevin Weil"), is_person_name("Jasper AI"), is_person_name("Harvey")
    (True, False, False)
    """
    words = name.split()
    return (
        len(words) == 2
        and words[0] in GIVEN_NAMES
        and words[1] not in ORG_WORDS
        and words[1][:1].isupper()
        and words[1][1:].islower()
    )
