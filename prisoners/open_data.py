"""The public list of cases as data (/prisoners.json and /prisoners.csv), for journalists,
researchers and other campaigns: only what the profiles themselves show the public."""

import csv
import io

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.page_cache import page_cache_reads
from core.spreadsheets import escape_cell
from prisoners.models import Prisoner

# Day counts change at midnight and profiles when editors save them: a quarter of an hour
# old is fresh enough for data, and a surge of readers costs the site one query set.
MAX_AGE = 15 * 60
CSV_COLUMNS = [
    "name",
    "url",
    "status",
    "region",
    "held",
    "days_behind_bars",
    "detentions",
    "charges",
]


def _charge(charge) -> dict:
    return {"article": charge.article, "part": charge.part, "description": charge.description}


def _detention(detention) -> dict:
    return {
        "detained_on": detention.detained_on.isoformat() if detention.detained_on else None,
        "released_on": detention.released_on.isoformat() if detention.released_on else None,
        "place": detention.place,
        "sentence": detention.sentence_text,
        "charges": [_charge(charge) for charge in detention.charges.all()],
    }


def prisoner_record(request, prisoner: Prisoner, today) -> dict:
    return {
        "name": prisoner.name,
        "url": request.build_absolute_uri(prisoner.get_absolute_url()),
        "status": prisoner.status,
        "status_label": str(Prisoner.Status(prisoner.status).label),
        "region": prisoner.region,
        "held": prisoner.is_held(),
        "days_behind_bars": prisoner.days_behind_bars(today),
        "detentions": [_detention(detention) for detention in prisoner.detentions.all()],
    }


def _open_data(view):
    """Read-only data any site may fetch (CORS), cached by browsers and CDNs."""
    view = cache_control(public=True, max_age=MAX_AGE)(view)

    def wrapped(request):
        response = view(request)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return require_safe(page_cache_reads()(wrapped))


def _records(request) -> list[dict]:
    today = timezone.localdate()
    # Whatever the visitor's browser prefers: one file for everyone, with English labels and
    # the profiles' unprefixed addresses.
    with translation.override(settings.LANGUAGE_CODE):
        return [prisoner_record(request, p, today) for p in Prisoner.objects.for_open_data()]


@_open_data
def prisoners_json(request):
    records = _records(request)
    return JsonResponse(
        {
            "generated_at": timezone.now().isoformat(timespec="seconds"),
            "count": len(records),
            "prisoners": records,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _period(detention: dict) -> str:
    return f"{detention['detained_on'] or '?'}/{detention['released_on'] or ''}"


def _charge_label(charge: dict) -> str:
    return f"{charge['article']}({charge['part']})" if charge["part"] else charge["article"]


@_open_data
def prisoners_csv(request):
    output = io.StringIO()
    writer = csv.writer(output, quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for record in _records(request):
        detentions = record["detentions"]
        charges = [charge for detention in detentions for charge in detention["charges"]]
        row = {
            **record,
            "held": "yes" if record["held"] else "no",
            "detentions": "; ".join(_period(detention) for detention in detentions),
            "charges": "; ".join(dict.fromkeys(_charge_label(charge) for charge in charges)),
        }
        writer.writerow([escape_cell(row[column]) for column in CSV_COLUMNS])
    response = HttpResponse("\ufeff" + output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="prisoners.csv"'
    return response
