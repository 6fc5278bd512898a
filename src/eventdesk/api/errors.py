"""One JSON shape for every error: ``{"error": {"status": 404, "title": "Not Found", "detail": "..."}}``."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException


class ErrorBody(BaseModel):
    status: int
    title: str
    detail: str


class ErrorOut(BaseModel):
    """What every error response holds."""

    error: ErrorBody


def error_response(status: int, detail: str, *, headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = ErrorOut(error=ErrorBody(status=status, title=HTTPStatus(status).phrase, detail=detail))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return error_response(exc.status_code, str(exc.detail), headers=exc.headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()))
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return error_response(422, "; ".join(problems) or "invalid request")


async def _server_error(request: Request, exc: Exception) -> JSONResponse:
    return error_response(500, f"{request.url.path}: internal error ({type(exc).__name__})")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _server_error)


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorOut, "description": HTTPStatus(status).phrase} for status in (400, 401, 403, 404, 422, 500)
}
