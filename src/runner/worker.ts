import { exercises } from '../../lessons/catalog';
import { serveGrading } from './serve';

serveGrading(exercises);
