import { Router } from 'express';
import { allow } from '../access.js';
import { openapiDocument } from '../openapi.js';

export function openapiRouter(): Router {
  const router = Router();
  const document = openapiDocument();
  router.get('/openapi.json', allow('read'), (_req, res) => {
    res.json(document);
  });
  return router;
}
