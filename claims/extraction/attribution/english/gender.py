"""Guess whether an English person name or speaker phrase refers to a man or a woman.

Used only to send `he`/`his` and `she`/`her` to the right earlier speaker. The guess comes
from honorifics (`Mr.`, `Mrs.`), gendered titles (`spokeswoman`, `congressman`) and a small
list of common first names; anything else stays unknown, and an unknown name can take
either pronoun.
"""

from __future__ import annotations

MALE = "m"
FEMALE = "f"

_MALE = """
aaron adam adrian al alan albert alex alexander alfred ali andrew andy angus anthony antonio arnold arthur austin
barack barry ben benjamin bernard bernie bill billy bob bobby brad bradley brandon brett brian bruce bryan carl
carlos charles charlie chris christopher chuck clarence colin craig dan daniel danny darrell dave david dean
dennis derek dick don donald doug douglas duncan dwight earl ed eddie edward eli elijah emmanuel enrique eric
ernest eugene evan francis frank franklin fred frederick gary gavin gene george gerald glenn gordon graham greg
gregory harold harry henry herbert howard hugh ian isaac jack jacob jake james jamie jared jason jay jeb jeff
jeffrey jeremy jerome jerry jesse jim jimmy joe joel john johnny jon jonathan jordan jorge jose joseph josh
joshua juan julian justin karl keith ken kenneth kevin kirk kurt larry lawrence lee leon leonard lindsey
lloyd louis luis luke malcolm marco mario mark martin marvin matt matthew maurice max michael mick mickey
miguel mike mitch mitt mohammed muhammad nathan neil newt nicholas nick nigel noah norman oliver orrin oscar
patrick paul pedro peter phil philip pierre rafael ralph rand randy ray raymond reince reggie rex richard rick
ricky rob robert robby rod rodney roger ron ronald ross roy rudy rupert russell ryan sam samuel scott sean sergei
seth sherrod shawn sid simon stan stanley stephen steve steven stuart ted terry thomas tim timothy todd tom
tommy tony travis trey troy tyler vernon victor vince vincent vladimir wallace walter warren wayne wesley will
william willie xi zach zachary
"""
MALE_FIRST_NAMES = frozenset(_MALE.split())

_FEMALE = """
abby abigail alice alicia alison allison amanda amber amelia amy andrea angela angelina ann anna anne annie
april ashley barbara betsy betty beverly brenda bridget brittany camila carla carly carol caroline carolyn
catherine cathy charlotte chelsea cheryl christina christine cindy claire clara claudia colleen connie
cynthia dana daniela darlene dawn debbie deborah debra denise diana diane donna doris dorothy edith eileen
elaine eleanor elena elise elizabeth ellen emily emma erica erin esther eva evelyn fiona frances gabrielle
gail gina gloria grace gretchen gwen hannah heather heidi helen hillary holly hope huma ivana ivanka jackie
jacqueline jane janet janice jean jeanne jennifer jenny jessica jill jo joan joanna joanne jodi josephine
joy joyce judith judy julia julie june karen kate katherine kathleen kathryn kathy katie kay kayleigh kelly
kellyanne kim kimberly kirsten kristen laura lauren leslie lila linda lisa lois loretta lori louise lucy lynn
madeleine maggie marcia margaret maria marie marilyn marion marsha martha mary maxine megan megyn melania
melanie melissa meredith michele michelle mildred mindy miranda molly monica nancy naomi natalie nicole
nikki nina nora olivia pam pamela patricia patti paula pauline peggy penny rachel rebecca regina rita roberta
rosa rose ruth sally samantha sandra sara sarah sharon sheila shirley sonia sophia stacey stephanie susan
susanne suzanne sylvia tammy tanya teresa theresa tiffany tina tracy tulsi valerie vanessa veronica victoria
virginia wanda wendy whitney yvonne zoe
"""
FEMALE_FIRST_NAMES = frozenset(_FEMALE.split())

MALE_WORDS = frozenset({
    "mr", "spokesman", "congressman", "councilman", "chairman", "businessman",
    "father", "husband", "son", "brother", "king", "prince", "sir", "man", "grandfather", "uncle", "nephew",
    "boyfriend", "actor", "anchorman", "assemblyman", "alderman",
})
FEMALE_WORDS = frozenset({
    "mrs", "ms", "miss", "spokeswoman", "congresswoman", "councilwoman",
    "chairwoman", "businesswoman", "mother", "wife", "daughter", "sister", "queen", "princess", "lady", "madam",
    "woman", "grandmother", "aunt", "niece", "girlfriend", "actress", "anchorwoman", "assemblywoman",
})


def gender_of(phrase: str, name: str | None = None) -> str | None:
    """Return MALE, FEMALE or None for a speaker (`Mr. Clarke`, `spokeswoman Jane Doe`, `Hillary Clinton`).

    `name` is the resolved full name, whose first word is looked up; `phrase` adds honorifics and titles.
    """
    for candidate in (name, phrase):
        if not candidate:
            continue
        first = candidate.split()[0].strip(",.;:()’'\"“”").lower()
        if first in MALE_WORDS or first in MALE_FIRST_NAMES:
            return MALE
        if first in FEMALE_WORDS or first in FEMALE_FIRST_NAMES:
            return FEMALE
    for word in phrase.split():
        word = word.strip(",.;:()’'\"“”").lower()
        if word in MALE_WORDS:
            return MALE
        if word in FEMALE_WORDS:
            return FEMALE
    return None


def pronoun_gender(pronoun: str) -> str | None:
    low = pronoun.lower()
    if low in ("he", "him", "his"):
        return MALE
    if low in ("she", "her", "hers"):
        return FEMALE
    return None
